package io.jim.adapter.tcp;

import com.google.protobuf.Empty;
import com.google.protobuf.MessageLite;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import java.util.Objects;

/**
 * One decoded or to-be-encoded frame: its code and its body. Empty-bodied frames (heartbeats, and the
 * ignored bodies of unknown codes) carry {@link Empty}, whose encoding is zero bytes.
 */
record Packet(int type, MessageLite body) {

    static final Packet HEARTBEAT = new Packet(FrameType.HEARTBEAT, Empty.getDefaultInstance());
    static final Packet HEARTBEAT_ACK = new Packet(FrameType.HEARTBEAT_ACK, Empty.getDefaultInstance());

    Packet {
        Objects.requireNonNull(body, "body");
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("frame type must be a uint16: " + type);
        }
    }

    static Packet kick(int code, String message) {
        return new Packet(FrameType.KICK, Kick.newBuilder().setCode(code).setMessage(message).build());
    }

    /** Bytes this frame takes on the wire (protobuf memoizes the body size, so this is cheap to repeat). */
    int wireSize() {
        return FrameType.HEADER_BYTES + body.getSerializedSize();
    }
}
