package io.jim.client;

/** Fails the futures of a {@link JimSession} that can no longer complete because the session closed. */
public class SessionClosedException extends RuntimeException {

    /** A closure with the given explanation and underlying cause (may be null). */
    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
