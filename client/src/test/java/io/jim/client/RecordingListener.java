package io.jim.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** A session listener that records everything, for assertions with timeouts instead of sleeps. */
final class RecordingListener implements SessionListener {

    private final List<InboxMessage> messages = new CopyOnWriteArrayList<>();
    private final BlockingQueue<InboxMessage> arrivals = new LinkedBlockingQueue<>();
    private final BlockingQueue<SessionState> states = new LinkedBlockingQueue<>();
    private final List<Integer> kicks = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(InboxMessage message) {
        messages.add(message);
        arrivals.add(message);
    }

    @Override
    public void onStateChanged(SessionState state, Throwable cause) {
        states.add(state);
    }

    @Override
    public void onKick(int code, String message) {
        kicks.add(code);
    }

    /** Every message handed over so far, in order. */
    List<InboxMessage> messages() {
        return List.copyOf(messages);
    }

    /** The sequences of every message handed over so far, in order. */
    List<Long> sequences() {
        return messages.stream().map(InboxMessage::syncSequence).toList();
    }

    /** Waits until {@code count} more messages arrived and returns them. */
    List<InboxMessage> awaitMessages(int count) throws InterruptedException {
        List<InboxMessage> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InboxMessage m = arrivals.poll(FakeServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                fail("only " + got.size() + " of " + count + " messages arrived; all so far: " + sequences());
            }
            got.add(m);
        }
        return got;
    }

    /** Waits until the session reports {@code state}. */
    void awaitState(SessionState state) throws InterruptedException {
        long deadline = System.nanoTime() + FakeServer.TIMEOUT.toNanos();
        while (true) {
            SessionState s = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                fail("the session did not reach " + state);
            }
            if (s == state) {
                return;
            }
        }
    }

    List<Integer> kicks() {
        return List.copyOf(kicks);
    }
}
