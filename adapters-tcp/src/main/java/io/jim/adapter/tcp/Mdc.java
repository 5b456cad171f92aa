package io.jim.adapter.tcp;

/** The MDC keys shared with the rest of jim, so one message can be followed from send to store to delivery to ack. */
final class Mdc {

    static final String USER_ID = "user_id";
    static final String DEVICE_ID = "device_id";
    static final String MESSAGE_ID = "message_id";

    private Mdc() {
    }
}
