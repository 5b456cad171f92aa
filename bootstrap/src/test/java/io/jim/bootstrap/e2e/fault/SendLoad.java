package io.jim.bootstrap.e2e.fault;

import io.jim.bootstrap.e2e.fault.World.Device;
import io.jim.bootstrap.e2e.fault.World.Member;
import io.jim.client.JimApiException;
import io.jim.client.JimSession;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;
import io.jim.client.SentMessage;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuous sends from several devices, each keeping a window of sends in flight, alternating 1:1 (to the
 * next user of the ring) and group messages. Every send has a unique content ({@code fault-TAG-...}) so that
 * its copies can be found in the inboxes afterwards; every outcome is recorded.
 */
final class SendLoad {

    /** One logical send and what came of it. */
    static final class Sent {
        final Device sender;
        final String content;
        final boolean group;
        final List<Long> owners;
        final CompletableFuture<SendAck> result;
        volatile SendAck ack;

        Sent(Device sender, String content, boolean group, List<Long> owners, CompletableFuture<SendAck> result) {
            this.sender = sender;
            this.content = content;
            this.group = group;
            this.owners = owners;
            this.result = result;
        }

        boolean ok() {
            SendAck a = ack;
            return a != null && a.ok();
        }

        @Override
        public String toString() {
            return content + (ack == null ? " (pending)" : " " + ack);
        }
    }

    private final World world;
    private final String tag;
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger httpUnavailable = new AtomicInteger();
    private final AtomicInteger httpTransportFailures = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    SendLoad(World world, String tag) {
        this.world = world;
        this.tag = tag;
    }

    /** Starts a TCP sender on {@code session} (of {@code d}) with {@code window} sends in flight. */
    SendLoad tcpSender(Device d, JimSession session, int window) {
        threads.add(Thread.ofVirtual().name("load-" + d.recorder().name()).start(() -> runTcp(d, session, window)));
        return this;
    }

    /**
     * Starts an HTTP sender for {@code d}: one send at a time with a send_sequence; a 503 or a transport
     * failure is retried with the SAME send_sequence until it succeeds (the documented safe retry).
     */
    SendLoad httpSender(Device d) {
        threads.add(Thread.ofVirtual().name("load-http-" + d.recorder().name()).start(() -> runHttp(d)));
        return this;
    }

    private void runTcp(Device d, JimSession session, int window) {
        Semaphore permits = new Semaphore(window);
        long n = 0;
        try {
            while (!stopped) {
                if (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (stopped) {
                    break;
                }
                n++;
                Sent s = next(d, n, new CompletableFuture<>());
                CompletableFuture<SendAck> f = session.send(s.group
                        ? OutgoingMessage.textToGroup(world.groupId(), s.content)
                        : OutgoingMessage.textToUser(s.owners.get(1), s.content));
                f.whenComplete((ack, failure) -> {
                    record(s, ack, failure);
                    permits.release();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runHttp(Device d) {
        long sequence = d.login().sendSequence();
        long n = 0;
        while (!stopped) {
            n++;
            sequence++;
            Sent s = next(d, n, new CompletableFuture<>());
            OutgoingMessage m = s.group ? OutgoingMessage.textToGroup(world.groupId(), s.content)
                    : OutgoingMessage.textToUser(s.owners.get(1), s.content);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    SentMessage r = d.api().sendMessage(m, sequence);
                    record(s, new SendAck(sequence, 0, "", r.messageId(), r.syncSequence(), r.sendTime()), null);
                    break;
                } catch (JimApiException e) {
                    if (e.status() != 503 || System.nanoTime() > deadline) {
                        record(s, new SendAck(sequence, e.code(), "HTTP " + e.status() + ": " + e.getMessage(), 0, 0, 0), null);
                        break;
                    }
                    httpUnavailable.incrementAndGet();
                } catch (UncheckedIOException e) {
                    if (System.nanoTime() > deadline) {
                        record(s, null, e);
                        break;
                    }
                    httpTransportFailures.incrementAndGet();
                }
                pause(); // a client's retry delay, not a synchronisation
            }
        }
    }

    private Sent next(Device d, long n, CompletableFuture<SendAck> result) {
        Member me = d.member();
        boolean group = n % 3 == 0;
        String content = "fault-" + tag + "-" + d.recorder().name() + "-" + n;
        List<Long> owners = group ? world.members().stream().map(Member::userId).toList()
                : List.of(me.userId(), world.next(me).userId());
        Sent s = new Sent(d, content, group, owners, result);
        sent.add(s);
        return s;
    }

    private void record(Sent s, SendAck ack, Throwable failure) {
        if (failure == null && ack != null) {
            s.ack = ack;
            if (ack.ok()) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            s.result.complete(ack);
        } else {
            failed.incrementAndGet();
            s.result.completeExceptionally(failure);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends acknowledged with code 0 so far. */
    int acked() {
        return ok.get();
    }

    int failed() {
        return failed.get();
    }

    int httpUnavailable() {
        return httpUnavailable.get();
    }

    int httpTransportFailures() {
        return httpTransportFailures.get();
    }

    /** The sends acknowledged with code 0 so far. */
    List<Sent> ackedSoFar() {
        return sent.stream().filter(Sent::ok).toList();
    }

    List<Sent> all() {
        return List.copyOf(sent);
    }

    /** Waits until {@code count} sends are acknowledged; false if the deadline passed first. */
    boolean awaitAcked(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ok.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // polling a counter, bounded by the deadline
        }
        return true;
    }

    /** Stops starting new sends and waits until every send made has its outcome. */
    void stopAndAwait(Duration timeout) throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        for (Sent s : sent) {
            try {
                s.result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // recorded as failed
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("send " + s + " has no outcome within " + timeout);
            }
        }
    }
}
