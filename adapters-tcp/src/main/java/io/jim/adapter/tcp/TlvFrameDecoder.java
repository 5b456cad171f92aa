package io.jim.adapter.tcp;

import io.jim.proto.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into whole TLV frames (header included), however the bytes arrive. A declared
 * body length over the configured limit is reported once as a {@link ProtocolViolationException};
 * after that every further byte is discarded, so a hostile peer cannot cause a stream of errors or
 * make the server buffer its oversize body. One instance per connection (it keeps the cumulation).
 */
final class TlvFrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final int LENGTH_FIELD_OFFSET = 2;
    private static final int LENGTH_FIELD_LENGTH = 2;

    private final int maxBodyBytes;
    private boolean failed;

    TlvFrameDecoder(int maxBodyBytes) {
        super(FrameType.HEADER_BYTES + maxBodyBytes, LENGTH_FIELD_OFFSET, LENGTH_FIELD_LENGTH, 0, 0, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        // Checked here rather than via the parent's TooLongFrameException so that the peer gets the
        // documented Kick{22} and we stop at the first offence instead of entering discard mode.
        if (in.readableBytes() >= FrameType.HEADER_BYTES) {
            int declared = in.getUnsignedShort(in.readerIndex() + LENGTH_FIELD_OFFSET);
            if (declared > maxBodyBytes) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new ProtocolViolationException("declared body length " + declared + " is over the limit " + maxBodyBytes);
            }
        }
        return super.decode(ctx, in);
    }
}
