package io.jim.adapter.tcp.ws;

/** A WebSocket message that is not one frame of PROTOCOL.md: the connection gets Kick{22} and closes. */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message, null, false, false); // expected control flow: no stack trace
    }
}
