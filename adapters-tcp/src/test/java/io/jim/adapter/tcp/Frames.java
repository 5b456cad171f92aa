package io.jim.adapter.tcp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.MessageSend;
import io.jim.proto.SignIn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/** Test helpers to build raw TLV bytes and read frames back. */
final class Frames {

    private Frames() {
    }

    /** A received frame. */
    record Frame(int type, byte[] body) {
        <T> T as(Parser<T> parser) {
            try {
                return parser.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("frame " + type + " body does not parse", e);
            }
        }

        int kickCode() {
            if (type != FrameType.KICK) {
                throw new AssertionError("expected a Kick, got frame code " + type);
            }
            return as(Kick.parser()).getCode();
        }
    }

    static byte[] bytes(int type, MessageLite body) {
        return raw(type, body.toByteArray());
    }

    static byte[] raw(int type, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putShort((short) type).putShort((short) body.length).put(body).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static ByteBuf buf(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    static byte[] signIn(long device, long user, String token) {
        return bytes(FrameType.SIGN_IN, SignIn.newBuilder().setDeviceId(device).setUserId(user).setToken(token).build());
    }

    static byte[] heartbeat() {
        return raw(FrameType.HEARTBEAT, new byte[0]);
    }

    static byte[] send(long sendSequence) {
        return bytes(FrameType.MESSAGE_SEND, MessageSend.newBuilder().setReceiverType(1).setReceiverId(2).setType(1)
                .setContent("hi " + sendSequence).setSendSequence(sendSequence).build());
    }

    /** Decodes one whole encoded frame and releases the buffer. */
    static Frame decode(ByteBuf buf) {
        try {
            int type = buf.readUnsignedShort();
            int length = buf.readUnsignedShort();
            if (buf.readableBytes() != length) {
                throw new AssertionError("frame " + type + " declares " + length + " bytes but carries " + buf.readableBytes());
            }
            byte[] body = new byte[length];
            buf.readBytes(body);
            return new Frame(type, body);
        } finally {
            buf.release();
        }
    }
}
