package io.jim.client.bench;

import io.jim.client.ContentType;
import io.jim.client.InboxMessage;
import io.jim.client.JimSession;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bookkeeping of a messaging scenario: what each sender sent and got acked, what each receiving device
 * got, and the send → push latency.
 *
 * <p>Every message's text is {@code jb <sender> <counter> <nanoTime>}: the sender's index, its own count
 * (1, 2, 3 …, in send order) and the send time on this process's clock. A receiving device keeps, per
 * sender, the set of counters it got; at the end that set is compared with the set the sender got acked:
 * acked but not received = lost, received twice = duplicated, received after a higher counter of the same
 * sender = reordered (one connection's sends are stored in order, so every inbox must hold them in order).
 */
final class Traffic {

    private static final String PREFIX = "jb ";
    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(10);

    /** One sending device. */
    final class Sender {
        final int index;
        final JimSession session;
        final int receiverType;
        final long receiverId;
        /** Receiving devices (indexes into {@link #receivers}) that must get every acked message. */
        final List<Receiver> expectedAt = new ArrayList<>();
        private final BitSet acked = new BitSet();
        private long counter;
        int inFlight;

        Sender(int index, JimSession session, int receiverType, long receiverId) {
            this.index = index;
            this.session = session;
            this.receiverType = receiverType;
            this.receiverId = receiverId;
        }

        /** Sends the next message; {@code onDone} runs (in the session's context) when its ack or failure arrives. */
        void send(Runnable onDone) {
            long c;
            java.util.concurrent.CompletableFuture<SendAck> future;
            // Under the lock so that counters reach the session in counter order whichever thread sends.
            synchronized (this) {
                c = ++counter;
                inFlight++;
                String text = PREFIX + index + " " + c + " " + System.nanoTime() + padding;
                future = session.send(new OutgoingMessage(receiverType, receiverId, ContentType.TEXT, text, List.of()));
            }
            sent.increment();
            future.whenComplete((ack, failure) -> {
                        onAck(c, ack, failure);
                        if (onDone != null) {
                            onDone.run();
                        }
                    });
        }

        private void onAck(long c, SendAck ack, Throwable failure) {
            synchronized (this) {
                inFlight--;
                if (failure == null && ack.ok()) {
                    acked.set(Math.toIntExact(c));
                }
            }
            if (failure != null) {
                error("send failed: " + failure);
            } else if (ack.code() == io.jim.proto.ResultCode.RATE_LIMITED) {
                rateLimited.increment(); // the server's per-user send limit: nothing stored, not an integrity error
            } else if (!ack.ok()) {
                error("send refused with code " + ack.code() + ": " + ack.message());
            } else {
                Traffic.this.acked.increment();
            }
        }

        synchronized int inFlight() {
            return inFlight;
        }

        synchronized BitSet ackedCopy() {
            return (BitSet) acked.clone();
        }
    }

    /** One receiving device. */
    final class Receiver {
        final long deviceId;
        JimSession session;
        private final Map<Integer, Stream> streams = new HashMap<>();
        private long foreign;

        Receiver(long deviceId) {
            this.deviceId = deviceId;
        }

        /** The session's listener: runs in the session's context, one message at a time. */
        void onMessage(InboxMessage m) {
            if (m.senderDeviceId() == deviceId || m.type() != ContentType.TEXT || !m.content().startsWith(PREFIX)) {
                return; // its own copy, or a friend/group event
            }
            long now = System.nanoTime();
            String[] parts = m.content().split(" ", 5);
            int s;
            long c;
            long t;
            try {
                s = Integer.parseInt(parts[1]);
                c = Long.parseLong(parts[2]);
                t = Long.parseLong(parts[3]);
            } catch (RuntimeException e) {
                synchronized (this) {
                    foreign++;
                }
                return;
            }
            latency.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, (now - t) / 1000)));
            delivered.increment();
            synchronized (this) {
                Stream stream = streams.computeIfAbsent(s, k -> new Stream());
                int ci = Math.toIntExact(c);
                if (stream.got.get(ci)) {
                    stream.duplicated++;
                } else {
                    stream.got.set(ci);
                    if (ci < stream.max) {
                        stream.reordered++;
                    }
                    stream.max = Math.max(stream.max, ci);
                }
            }
        }

        synchronized Stream stream(int sender) {
            Stream s = streams.get(sender);
            return s == null ? new Stream() : s.copy();
        }

        synchronized Map<Integer, Stream> streams() {
            Map<Integer, Stream> out = new HashMap<>();
            streams.forEach((k, v) -> out.put(k, v.copy()));
            return out;
        }
    }

    /** What one device got from one sender. */
    static final class Stream {
        final BitSet got;
        int max;
        long duplicated;
        long reordered;

        Stream() {
            this(new BitSet());
        }

        private Stream(BitSet got) {
            this.got = got;
        }

        Stream copy() {
            Stream s = new Stream((BitSet) got.clone());
            s.max = max;
            s.duplicated = duplicated;
            s.reordered = reordered;
            return s;
        }
    }

    /** The outcome of the integrity check. */
    record Integrity(long expected, long lost, long duplicated, long reordered, long unexpected) {
    }

    final List<Sender> senders = new ArrayList<>();
    final List<Receiver> receivers = new ArrayList<>();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    final Recorder latency = new Recorder(MAX_LATENCY_US, 3);
    private final String padding;

    Traffic(int paddingBytes) {
        this.padding = paddingBytes <= 0 ? "" : " " + "x".repeat(paddingBytes);
    }

    void error(String what) {
        errors.increment();
        if (errorSamples.size() < 10) {
            errorSamples.add(what);
        }
    }

    Sender sender(JimSession session, int receiverType, long receiverId) {
        Sender s = new Sender(senders.size(), session, receiverType, receiverId);
        senders.add(s);
        return s;
    }

    Receiver receiver(long deviceId) {
        Receiver r = new Receiver(deviceId);
        receivers.add(r);
        return r;
    }

    long expectedDeliveries() {
        long total = 0;
        for (Sender s : senders) {
            total += (long) s.ackedCopy().cardinality() * s.expectedAt.size();
        }
        return total;
    }

    int inFlight() {
        int n = 0;
        for (Sender s : senders) {
            n += s.inFlight();
        }
        return n;
    }

    /** Compares every receiving device's received set with what its senders got acked. */
    Integrity check() {
        long expected = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        long unexpected = 0;
        Map<Receiver, Map<Integer, Stream>> seen = new HashMap<>();
        for (Receiver r : receivers) {
            seen.put(r, r.streams());
        }
        for (Sender s : senders) {
            BitSet ack = s.ackedCopy();
            for (Receiver r : s.expectedAt) {
                Stream got = seen.get(r).remove(s.index);
                if (got == null) {
                    got = new Stream();
                }
                expected += ack.cardinality();
                BitSet missing = (BitSet) ack.clone();
                missing.andNot(got.got);
                lost += missing.cardinality();
                BitSet extra = (BitSet) got.got.clone();
                extra.andNot(ack);
                unexpected += extra.cardinality();
                duplicated += got.duplicated;
                reordered += got.reordered;
            }
        }
        // Messages at a device that should not have had them at all.
        for (Map<Integer, Stream> rest : seen.values()) {
            for (Stream st : rest.values()) {
                unexpected += st.got.cardinality();
                duplicated += st.duplicated;
            }
        }
        return new Integrity(expected, lost, duplicated, reordered, unexpected);
    }

    /** Latencies so far (adds the interval since the last call to {@code total}); answers the interval's histogram. */
    Histogram drainLatency(Histogram total) {
        Histogram interval = latency.getIntervalHistogram();
        total.add(interval);
        return interval;
    }
}
