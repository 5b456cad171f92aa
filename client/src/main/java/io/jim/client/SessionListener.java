package io.jim.client;

/**
 * Receives what a {@link JimSession} has to tell the application.
 *
 * <p>All callbacks of one session run one at a time, in order, on the session's own context (never
 * concurrently with each other). They should return quickly and must not block waiting for the same
 * session (for example {@code session.send(m).join()} inside {@code onMessage} would deadlock); use the
 * futures' async methods instead. An exception thrown by a callback is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SessionListener {

    /**
     * One inbox message, handed over exactly once and in {@code sync_sequence} order with no gaps; the
     * session acknowledges it to the server after this method returns. This includes the copies of
     * messages this device sent itself (learned from the MessageSendACK; {@code senderDeviceId} tells).
     */
    void onMessage(InboxMessage message);

    /**
     * The session changed state; {@code cause} explains a {@link SessionState#DISCONNECTED} or an abnormal
     * {@link SessionState#CLOSED} (null otherwise).
     */
    default void onStateChanged(SessionState state, Throwable cause) {
    }

    /**
     * The server sent a Kick (20 signed in elsewhere, 21 signed out, 22 protocol error, 23 shutdown; see
     * {@link io.jim.proto.ResultCode}). Called before the resulting state change.
     */
    default void onKick(int code, String message) {
    }
}
