package io.jim.client;

/** An error answer of the HTTP API: its status, protocol code, error name and the server's message. */
public final class JimApiException extends RuntimeException {

    private final int status;
    private final int code;
    private final String error;

    /** An error answer; {@code message} is the server's text for people. */
    public JimApiException(int status, int code, String error, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.error = error;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The result code ({@link io.jim.proto.ResultCode}), or -1 when the body carried none. */
    public int code() {
        return code;
    }

    /** The error name, e.g. {@code NOT_FRIENDS} (may be null when the body carried none). */
    public String error() {
        return error;
    }
}
