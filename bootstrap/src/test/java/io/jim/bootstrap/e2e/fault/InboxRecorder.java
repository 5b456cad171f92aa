package io.jim.bootstrap.e2e.fault;

import io.jim.client.InboxMessage;
import io.jim.client.SessionListener;
import io.jim.client.SessionState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one device's session handed to the application: every message in arrival order, plus any handover
 * that was not exactly "the next sequence" (a duplicate, a gap or a step backwards), which would break the
 * session's promise.
 */
final class InboxRecorder implements SessionListener {

    private final String name;
    private final List<InboxMessage> messages = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private long last;
    private int signIns;

    InboxRecorder(String name) {
        this.name = name;
    }

    @Override
    public synchronized void onMessage(InboxMessage message) {
        if (message.syncSequence() != last + 1) {
            violations.add(name + ": handed sequence " + message.syncSequence() + " after " + last);
        }
        last = Math.max(last, message.syncSequence());
        messages.add(message);
        notifyAll();
    }

    @Override
    public synchronized void onStateChanged(SessionState state, Throwable cause) {
        if (state == SessionState.ONLINE) {
            signIns++;
            notifyAll();
        }
    }

    String name() {
        return name;
    }

    synchronized List<InboxMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized long lastSequence() {
        return last;
    }

    synchronized int signIns() {
        return signIns;
    }

    /** Waits until the listener has been handed {@code sequence}; false if the deadline passed first. */
    synchronized boolean awaitSequence(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last < sequence) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
