package io.jim.client;

/** The server refused the session's credentials (SignInACK with code 4), so the session closed. */
public final class SignInRejectedException extends SessionClosedException {

    private final int code;

    /** A rejection with the server's code and text. */
    public SignInRejectedException(int code, String message) {
        super("sign-in rejected with code " + code + (message == null || message.isEmpty() ? "" : ": " + message), null);
        this.code = code;
    }

    /** The SignInACK code. */
    public int code() {
        return code;
    }
}
