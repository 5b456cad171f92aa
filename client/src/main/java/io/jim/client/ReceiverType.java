package io.jim.client;

/** The {@code receiver_type} values of the protocol (the numbers are the contract). */
public final class ReceiverType {
    /** A 1:1 message to a user. */
    public static final int USER = 1;
    /** A message to a group. */
    public static final int GROUP = 2;

    private ReceiverType() {
    }
}
