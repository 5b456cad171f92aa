package io.jim.adapter.tcp;

import com.google.protobuf.CodedOutputStream;
import io.jim.proto.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link Packet} as one TLV frame into a buffer of exactly its size. A body over 65535 bytes
 * cannot be expressed by the length field, so it fails the write instead of producing a corrupt
 * stream (callers cut batches so that it never happens). Stateless, hence shared.
 */
@Sharable
final class PacketEncoder extends MessageToMessageEncoder<Packet> {

    private final TcpMetrics metrics;

    PacketEncoder(TcpMetrics metrics) {
        super(Packet.class);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, List<Object> out) throws Exception {
        int size = packet.body().getSerializedSize();
        if (size > FrameType.MAX_BODY_BYTES) {
            throw new EncoderException("body of frame code " + packet.type() + " is " + size + " bytes, over " + FrameType.MAX_BODY_BYTES);
        }
        ByteBuf buf = ctx.alloc().ioBuffer(FrameType.HEADER_BYTES + size);
        try {
            buf.writeShort(packet.type()).writeShort(size);
            if (size > 0) {
                CodedOutputStream body = CodedOutputStream.newInstance(buf.nioBuffer(buf.writerIndex(), size));
                packet.body().writeTo(body);
                body.checkNoSpaceLeft();
                buf.writerIndex(buf.writerIndex() + size);
            }
            out.add(buf);
            buf = null;
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
        metrics.frameOut(packet.type());
    }
}
