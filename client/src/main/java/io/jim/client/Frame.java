package io.jim.client;

import com.google.protobuf.MessageLite;
import io.jim.proto.FrameType;

import java.util.Arrays;
import java.util.Objects;

/**
 * One TLV frame of the jim protocol: a frame code and its (possibly empty) protobuf body.
 *
 * @param type the frame code (see {@link FrameType}), 0..65535
 * @param body the body bytes, at most {@link FrameType#MAX_BODY_BYTES}
 */
public record Frame(int type, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    /** Validates the header limits so that an encodable frame is the only kind that exists. */
    public Frame {
        Objects.requireNonNull(body, "body");
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("frame type out of range: " + type);
        }
        if (body.length > FrameType.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("frame body too large: " + body.length + " bytes");
        }
    }

    /** A frame carrying the serialized {@code message}. */
    public static Frame of(int type, MessageLite message) {
        return new Frame(type, message.toByteArray());
    }

    /** A frame with an empty body (heartbeats). */
    public static Frame empty(int type) {
        return new Frame(type, EMPTY);
    }

    /** The wire form: 2-byte type, 2-byte length (both big-endian), then the body. */
    public byte[] encode() {
        byte[] out = new byte[FrameType.HEADER_BYTES + body.length];
        out[0] = (byte) (type >>> 8);
        out[1] = (byte) type;
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, FrameType.HEADER_BYTES, body.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[type=" + type + ", length=" + body.length + "]";
    }
}
