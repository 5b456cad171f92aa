package io.jim.proto;

/** The frame codes of PROTOCOL.md section 2 (the {@code type} field of the TLV header). */
public final class FrameType {
    public static final int SIGN_IN = 1;
    public static final int SIGN_IN_ACK = 2;
    public static final int SYNC_TRIGGER = 3;
    public static final int HEARTBEAT = 4;
    public static final int HEARTBEAT_ACK = 5;
    public static final int MESSAGE_SEND = 6;
    public static final int MESSAGE_SEND_ACK = 7;
    public static final int MESSAGE = 8;
    public static final int MESSAGE_ACK = 9;
    public static final int KICK = 10;

    /** Header size: type (uint16 BE) + length (uint16 BE). */
    public static final int HEADER_BYTES = 4;
    /** Largest body the length field can express. */
    public static final int MAX_BODY_BYTES = 65535;

    private FrameType() {
    }
}
