package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.proto.ResultCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as the rest of the adapter sees it: its sign-in state, its serial frame
 * queue, and a bounded, thread-safe way to write to it. Any thread may call {@link #send}, {@link #push}
 * and {@link #kick}: Netty runs a channel's writes on its event loop in call order, so frames are never
 * interleaved.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Where a connection is in its life; it only moves forward. */
    enum State {
        AWAITING_SIGN_IN,
        SIGNED_IN,
        CLOSING
    }

    /** What happened to a push. */
    enum PushResult {
        SENT,
        /** Older than one already pushed to this device: sending it would break the increasing order. */
        SKIPPED_OUT_OF_ORDER,
        /** The connection is closing or its outbound cap was hit. */
        DROPPED
    }

    private final Channel channel;
    private final SerialExecutor frames;
    private final TcpMetrics metrics;
    private final long maxOutboundBytes;
    private final int maxQueuedFrames;
    private final int resumeReadingAt;

    private final AtomicReference<State> state = new AtomicReference<>(State.AWAITING_SIGN_IN);
    private final AtomicLong outboundBytes = new AtomicLong();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private volatile Principal principal;
    private volatile Future<?> signInDeadline;
    private volatile boolean readingStopped;

    private final ReentrantLock pushLock = new ReentrantLock();
    private long lastPushedSequence; // guarded by pushLock

    Connection(Channel channel, SerialExecutor frames, TcpMetrics metrics, long maxOutboundBytes, int maxQueuedFrames) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxOutboundBytes = maxOutboundBytes;
        this.maxQueuedFrames = maxQueuedFrames;
        this.resumeReadingAt = maxQueuedFrames / 2;
    }

    String id() {
        return channel.id().asShortText();
    }

    Channel channel() {
        return channel;
    }

    State state() {
        return state.get();
    }

    boolean isClosing() {
        return state.get() == State.CLOSING;
    }

    /** The signed-in device, or null before sign-in. */
    Principal principal() {
        return principal;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** Remembers the sign-in deadline so that a successful sign-in can cancel it. */
    void signInDeadline(Future<?> deadline) {
        this.signInDeadline = deadline;
    }

    /** Marks the connection signed in; false when it started closing meanwhile (e.g. the sign-in deadline fired). */
    boolean signedIn(Principal who) {
        Objects.requireNonNull(who, "who");
        this.principal = who;
        if (!state.compareAndSet(State.AWAITING_SIGN_IN, State.SIGNED_IN)) {
            return false;
        }
        Future<?> deadline = signInDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    /** Called by the sign-in deadline: true (and the connection is now closing) when it is still not signed in. */
    boolean expireSignIn() {
        return state.compareAndSet(State.AWAITING_SIGN_IN, State.CLOSING);
    }

    /**
     * Queues a received frame's work behind the earlier ones. Past the queue limit the connection stops
     * reading, so a client that sends faster than we process is slowed by TCP instead of growing our heap.
     */
    void enqueue(Runnable work) {
        int queued = queuedFrames.incrementAndGet();
        ChannelConfig config = channel.config();
        if (queued >= maxQueuedFrames && config.isAutoRead()) {
            config.setAutoRead(false);
            // The worker may have drained everything between our increment and the switch: re-check.
            resumeReadingIfDrained();
        }
        try {
            frames.execute(() -> {
                try {
                    work.run();
                } finally {
                    queuedFrames.decrementAndGet();
                    resumeReadingIfDrained();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("conn={} frame refused: the server is stopping", id());
            close();
        }
    }

    /** Queues work behind the received frames without counting it as one (e.g. the Kick after a protocol error). */
    void enqueueControl(Runnable work) {
        try {
            frames.execute(work);
        } catch (RejectedExecutionException e) {
            close();
        }
    }

    private void resumeReadingIfDrained() {
        ChannelConfig config = channel.config();
        if (!config.isAutoRead() && queuedFrames.get() <= resumeReadingAt && !readingStopped && !isClosing()) {
            config.setAutoRead(true);
        }
    }

    /** Stops reading more frames (after a protocol error nothing more from this peer is processed). */
    void stopReading() {
        readingStopped = true;
        channel.config().setAutoRead(false);
    }

    /**
     * Writes a frame unless the connection is closing or the bytes not yet taken by the socket would pass
     * the cap; then the connection is closed (the client syncs on reconnect) rather than buffered without bound.
     */
    boolean send(Packet packet) {
        if (!channel.isActive()) {
            return false;
        }
        int size = packet.wireSize();
        long pending = outboundBytes.addAndGet(size);
        if (pending > maxOutboundBytes) {
            outboundBytes.addAndGet(-size);
            overflow(pending);
            return false;
        }
        // The promise completes once the bytes reached the socket (or the write failed), so the counter is
        // exactly what sits in Netty's buffers for this connection, including writes queued from other threads.
        channel.writeAndFlush(packet).addListener(f -> {
            outboundBytes.addAndGet(-size);
            if (!f.isSuccess() && channel.isActive()) {
                log.warn("conn={} write of frame code {} failed", id(), packet.type(), f.cause());
            }
        });
        return true;
    }

    /**
     * Pushes an inbox copy unless one with a higher or equal sequence was already pushed here. Concurrent
     * sends commit in one order and call delivery in another; writing the late, older copy after a newer
     * one would break "per device, pushes arrive in increasing sync_sequence order". Skipping it is safe:
     * the client sees a gap before the newer copy and syncs, which returns the skipped copy in order.
     */
    PushResult push(long sequence, Packet packet) {
        if (state.get() != State.SIGNED_IN) {
            return PushResult.DROPPED;
        }
        pushLock.lock();
        try {
            if (sequence <= lastPushedSequence) {
                return PushResult.SKIPPED_OUT_OF_ORDER;
            }
            lastPushedSequence = sequence;
            // Written under the lock so that the order of writes handed to Netty is the order of sequences.
            return send(packet) ? PushResult.SENT : PushResult.DROPPED;
        } finally {
            pushLock.unlock();
        }
    }

    /** Sends Kick{code} and closes; the kick bypasses the cap since nothing more follows it. */
    void kick(int code, String message) {
        state.set(State.CLOSING);
        if (!channel.isActive()) {
            return;
        }
        metrics.kick(code);
        if (code == ResultCode.SERVER_SHUTDOWN) {
            log.debug("conn={} kicked: {}", id(), message); // one line per connection at shutdown would flood the log
        } else {
            log.info("conn={} user_id={} device_id={} kicked with code {}: {}", id(), userIdOrDash(), deviceIdOrDash(), code, message);
        }
        channel.writeAndFlush(Packet.kick(code, message));
        close();
    }

    /**
     * Closes the connection. Bytes already flushed still go out before the FIN (a pending consolidated
     * flush is forced by FlushConsolidationHandler on close), which is how Kick and a refused SignInACK arrive.
     */
    void close() {
        state.set(State.CLOSING);
        channel.close();
    }

    private void overflow(long pending) {
        if (state.getAndSet(State.CLOSING) != State.CLOSING) {
            metrics.outboundOverflow();
            log.warn("conn={} user_id={} device_id={} closed: {} unsent bytes would pass the cap of {} (client not reading?)",
                    id(), userIdOrDash(), deviceIdOrDash(), pending, maxOutboundBytes);
        }
        channel.close();
    }

    /** Cancels timers once the channel is gone. */
    void closed() {
        state.set(State.CLOSING);
        Future<?> deadline = signInDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    long pendingOutboundBytes() {
        return outboundBytes.get();
    }

    private String userIdOrDash() {
        Principal p = principal;
        return p == null ? "-" : p.userId().toString();
    }

    private String deviceIdOrDash() {
        Principal p = principal;
        return p == null ? "-" : p.deviceId().toString();
    }

    @Override
    public String toString() {
        return "Connection[" + id() + ", user_id=" + userIdOrDash() + ", device_id=" + deviceIdOrDash() + ", " + state.get() + "]";
    }
}
