package io.jim.client;

/** The session was closed for good by a Kick (20 signed in elsewhere or 21 signed out). */
public final class KickedException extends SessionClosedException {

    private final int code;

    /** A kick with the server's code and text. */
    public KickedException(int code, String message) {
        super("kicked with code " + code + (message == null || message.isEmpty() ? "" : ": " + message), null);
        this.code = code;
    }

    /** The kick code ({@link io.jim.proto.ResultCode}). */
    public int code() {
        return code;
    }
}
