package io.jim.bootstrap.e2e.tcp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSend;
import io.jim.proto.SignIn;
import io.jim.proto.SyncTrigger;
import java.nio.ByteBuffer;

/** Raw TLV bytes of PROTOCOL.md section 1, built by hand so that the tests do not share the server's codec. */
final class Wire {

    /** {@code Message.type} of an answer to SyncTrigger. */
    static final int SYNC_BATCH = 1;
    /** {@code Message.type} of a real-time push. */
    static final int PUSH = 2;

    static final int RECEIVER_USER = 1;
    static final int RECEIVER_GROUP = 2;
    static final int TEXT = 1;
    static final int COMMAND = 7;
    static final int SENDER_USER = 1;
    static final int SENDER_BUSINESS = 2;
    static final int SENDER_SYSTEM = 3;

    private Wire() {
    }

    /** A received frame: its code and raw body. */
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

        @Override
        public String toString() {
            return "Frame[type=" + type + ", " + body.length + " bytes]";
        }
    }

    static byte[] frame(int type, MessageLite body) {
        return raw(type, body.toByteArray());
    }

    /** A frame whose header declares exactly {@code body.length}. */
    static byte[] raw(int type, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putShort((short) type).putShort((short) body.length).put(body).array();
    }

    /** Only a header: type and a declared length, no body. */
    static byte[] header(int type, int declaredLength) {
        return ByteBuffer.allocate(4).putShort((short) type).putShort((short) declaredLength).array();
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

    static byte[] signIn(long userId, long deviceId, String token) {
        return frame(FrameType.SIGN_IN, SignIn.newBuilder().setDeviceId(deviceId).setUserId(userId).setToken(token).build());
    }

    static byte[] heartbeat() {
        return raw(FrameType.HEARTBEAT, new byte[0]);
    }

    static byte[] sync(long afterSequence, int limit) {
        return frame(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(afterSequence).setLimit(limit).build());
    }

    static byte[] messageAck(long syncSequence) {
        return frame(FrameType.MESSAGE_ACK, MessageACK.newBuilder().setSyncSequence(syncSequence)
                .setReceiveTime(System.currentTimeMillis()).build());
    }

    static byte[] send(MessageSend send) {
        return frame(FrameType.MESSAGE_SEND, send);
    }

    static MessageSend text(int receiverType, long receiverId, long sendSequence, String content) {
        return MessageSend.newBuilder().setReceiverType(receiverType).setReceiverId(receiverId).setType(TEXT)
                .setContent(content).setSendSequence(sendSequence).build();
    }

    static MessageSend toUser(long userId, long sendSequence, String content) {
        return text(RECEIVER_USER, userId, sendSequence, content);
    }

    static MessageSend toGroup(long groupId, long sendSequence, String content) {
        return text(RECEIVER_GROUP, groupId, sendSequence, content);
    }
}
