package io.jim.bootstrap.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.client.InboxMessage;
import io.jim.client.SessionListener;
import io.jim.client.SessionState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A session listener that keeps everything it is handed and lets a test wait for it (monitor waits with a
 * deadline, no sleeps). Whatever it was handed is kept as is, so that duplicates and reordering stay visible
 * to the assertions.
 */
final class Recorder implements SessionListener {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final List<InboxMessage> messages = new ArrayList<>();
    private int signIns;
    private final List<Integer> kicks = new ArrayList<>();

    Recorder(String name) {
        this.name = name;
    }

    @Override
    public synchronized void onMessage(InboxMessage message) {
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

    @Override
    public synchronized void onKick(int code, String message) {
        kicks.add(code);
    }

    synchronized List<InboxMessage> messages() {
        return List.copyOf(messages);
    }

    /** The messages handed over with a sequence above {@code after}. */
    synchronized List<InboxMessage> messagesAfter(long after) {
        return messages.stream().filter(m -> m.syncSequence() > after).toList();
    }

    synchronized int signIns() {
        return signIns;
    }

    synchronized List<Integer> kicks() {
        return List.copyOf(kicks);
    }

    /** The highest sequence handed over so far (0 if none). */
    synchronized long lastSequence() {
        return messages.isEmpty() ? 0 : messages.getLast().syncSequence();
    }

    /** Waits until a message with sequence {@code sequence} (or later) was handed over. */
    void awaitSequence(long sequence) {
        await("sequence " + sequence, () -> lastSequence() >= sequence);
    }

    /** Waits for the first message that matches, and answers it. */
    InboxMessage awaitMessage(String what, Predicate<InboxMessage> matches) {
        await(what, () -> messages.stream().anyMatch(matches));
        synchronized (this) {
            return messages.stream().filter(matches).findFirst().orElseThrow();
        }
    }

    /** Waits until the session signed in at least {@code count} times. */
    void awaitSignIns(int count) {
        await(count + " sign-in(s)", () -> signIns >= count);
    }

    /** Waits until {@code condition} (evaluated under this monitor) holds, failing after {@link #TIMEOUT}. */
    synchronized void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + "; handed over so far: " + summary());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(name + ": interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Asserts the exactly-once, in-order guarantee: the sequences handed over are {@code after + 1},
     * {@code after + 2}, ... with no gap and no repeat, and no message id appears twice.
     */
    synchronized void assertContiguousAfter(long after) {
        List<Long> sequences = messages.stream().map(InboxMessage::syncSequence).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = after + 1; s <= after + sequences.size(); s++) {
            expected.add(s);
        }
        assertThat(sequences).as(name + ": sequences handed to the listener").isEqualTo(expected);
        assertThat(messages.stream().map(InboxMessage::messageId).distinct().count())
                .as(name + ": distinct message ids").isEqualTo(messages.size());
    }

    private String summary() {
        if (messages.size() <= 10) {
            return messages.stream().map(m -> m.syncSequence() + ":" + m.messageId()).toList().toString();
        }
        return messages.size() + " messages, sequences " + messages.getFirst().syncSequence() + ".." + messages.getLast().syncSequence();
    }

    @Override
    public String toString() {
        return name;
    }
}
