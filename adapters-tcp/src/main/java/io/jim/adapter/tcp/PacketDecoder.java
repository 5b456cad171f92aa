package io.jim.adapter.tcp;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.jim.proto.FrameType;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSend;
import io.jim.proto.SignIn;
import io.jim.proto.SyncTrigger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Turns one whole TLV frame into a {@link Packet}: the frame code picks the protobuf message, parsed
 * with the standard parser. Rules that need no connection state are enforced here (PROTOCOL.md 2):
 * server codes and code 0 from a client, unparsable bodies and non-empty heartbeats are protocol errors.
 * Unknown codes (11 and up) pass on with their body ignored. Stateless, hence shared.
 */
@Sharable
final class PacketDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** First code not defined by PROTOCOL.md 2: from here on, codes are reserved for future additions. */
    static final int FIRST_UNKNOWN_CODE = 11;

    private final TcpMetrics metrics;

    PacketDecoder(TcpMetrics metrics) {
        super(ByteBuf.class);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int type = frame.readUnsignedShort();
        frame.skipBytes(2); // the length: the frame decoder already cut the frame to it
        metrics.frameIn(type);
        out.add(toPacket(type, frame));
    }

    static Packet toPacket(int type, ByteBuf body) {
        return switch (type) {
            case FrameType.SIGN_IN -> parse(type, SignIn.parser(), body);
            case FrameType.SYNC_TRIGGER -> parse(type, SyncTrigger.parser(), body);
            case FrameType.MESSAGE_SEND -> parse(type, MessageSend.parser(), body);
            case FrameType.MESSAGE_ACK -> parse(type, MessageACK.parser(), body);
            case FrameType.HEARTBEAT -> {
                if (body.isReadable()) {
                    throw new ProtocolViolationException("a Heartbeat body must be empty, got " + body.readableBytes() + " bytes");
                }
                yield Packet.HEARTBEAT;
            }
            case FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK, FrameType.MESSAGE, FrameType.KICK ->
                    throw new ProtocolViolationException("frame code " + type + " is sent by the server only");
            default -> {
                if (type < FIRST_UNKNOWN_CODE) {
                    throw new ProtocolViolationException("frame code " + type + " is not defined");
                }
                yield new Packet(type, Empty.getDefaultInstance());
            }
        };
    }

    private static Packet parse(int type, Parser<? extends MessageLite> parser, ByteBuf body) {
        try {
            // Strings are copied out of the buffer by the parser, so the message outlives the frame's release.
            return new Packet(type, parser.parseFrom(body.nioBuffer()));
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolViolationException("body of frame code " + type + " is not valid protobuf: " + e.getMessage());
        }
    }
}
