package io.jim.adapter.tcp.ws;

import io.jim.application.port.out.WireSession;
import io.jim.application.port.out.WireSink;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection as the client side of an in-VM channel. Inbound, each message becomes the
 * TLV bytes of one frame written to the channel; outbound, the byte stream from the server is cut back
 * into frames and each is handed to the sink as one message, in the encoding the client used last
 * (binary until the client sends text). The sink is only called from the channel's event loop, so one
 * thread at a time and in frame order.
 */
final class BridgeSession implements WireSession {

    private static final Logger log = LoggerFactory.getLogger(BridgeSession.class);

    private final WireSink sink;
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    /** The encoding of the client's last message; replies and pushes follow it. */
    private volatile boolean json;
    /** Set once the client broke the protocol: nothing more of its input is forwarded. */
    private volatile boolean violated;
    private volatile Channel channel;
    /** Set on the event loop once the Kick for a violation went to the sink; later server output is dropped. */
    private boolean kicked;

    BridgeSession(WireSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    ChannelHandler handler() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // The server never writes a body over 65535 bytes (PROTOCOL.md 1), so this never fails on its output.
                ch.pipeline().addLast("frame", new LengthFieldBasedFrameDecoder(FrameType.HEADER_BYTES + FrameType.MAX_BODY_BYTES,
                        2, 2, 0, 0, true));
                ch.pipeline().addLast("sink", new ToSink());
            }
        };
    }

    void attach(Channel connected) {
        this.channel = connected;
    }

    @Override
    public void receiveBinary(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (violated || !isOpen()) {
            return;
        }
        json = false;
        if (frame.length < FrameType.HEADER_BYTES) {
            violation("a binary message must hold one whole frame; got " + frame.length + " bytes");
            return;
        }
        int declared = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
        if (declared != frame.length - FrameType.HEADER_BYTES) {
            violation("a binary message must hold exactly one frame; the header says " + declared + " body bytes, the message has "
                    + (frame.length - FrameType.HEADER_BYTES));
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    @Override
    public void receiveText(String text) {
        Objects.requireNonNull(text, "text");
        if (violated || !isOpen()) {
            return;
        }
        json = true;
        byte[] frame;
        try {
            frame = JsonFrames.toTlv(text);
        } catch (InvalidMessageException e) {
            violation(e.getMessage());
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /**
     * What a bad frame on a socket gets (PROTOCOL.md 4.1): Kick{22}, then the connection closes. Found here
     * rather than in the pipeline because only this side sees message boundaries and JSON.
     */
    private void violation(String reason) {
        violated = true;
        Channel ch = channel;
        log.info("ws {} protocol error: {}", ch.remoteAddress(), reason);
        Kick kick = Kick.newBuilder().setCode(ResultCode.PROTOCOL_ERROR).setMessage(reason).build();
        byte[] body = kick.toByteArray();
        byte[] frame = ByteBuffer.allocate(FrameType.HEADER_BYTES + body.length)
                .putShort((short) FrameType.KICK).putShort((short) body.length).put(body).array();
        // On the event loop, behind the frames the server already wrote to us, like every other frame to the sink.
        ch.eventLoop().execute(() -> {
            toSink(frame);
            kicked = true;
            ch.close();
        });
    }

    private void toSink(byte[] frame) {
        if (sinkClosed.get()) {
            return;
        }
        if (json) {
            sink.sendText(JsonFrames.toJson(frame));
        } else {
            sink.sendBinary(frame);
        }
    }

    private void closeSink() {
        if (sinkClosed.compareAndSet(false, true)) {
            sink.close();
        }
    }

    /** The client side's last handler: every whole frame from the server goes to the sink. */
    private final class ToSink extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                if (!kicked) {
                    toSink(ByteBufUtil.getBytes(frame));
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeSink();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("ws {} closing after an unexpected error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
