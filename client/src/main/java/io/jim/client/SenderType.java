package io.jim.client;

/** The {@code sender_type} values of the protocol (the numbers are the contract). */
public final class SenderType {
    /** Sent by a user's device. */
    public static final int USER = 1;
    /** Sent by a business backend through the admin HTTP API. */
    public static final int BUSINESS = 2;
    /** Made by the server (friend and group events, content type {@link ContentType#COMMAND}). */
    public static final int SYSTEM = 3;

    private SenderType() {
    }
}
