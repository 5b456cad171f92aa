/**
 * The TCP adapter: the client protocol of PROTOCOL.md over Netty.
 *
 * <p>Threading model. A connection's pipeline is
 * {@code FlushConsolidationHandler → IdleStateHandler → TlvFrameDecoder → PacketDecoder → PacketEncoder → ConnectionHandler};
 * the event loop only frames, decodes and writes. {@link io.jim.adapter.tcp.ConnectionHandler} puts every
 * decoded frame into its connection's {@link io.jim.adapter.tcp.SerialExecutor}, which runs the
 * connection's frames one at a time, in arrival order, on the shared (virtual-thread) executor, where
 * {@link io.jim.adapter.tcp.FrameDispatcher} enforces sign-in and calls the {@code *Processor}s (plain
 * classes, no Netty types) and thus the use cases. Replies are written from that thread; pushes from
 * whatever thread committed a send, through {@link io.jim.adapter.tcp.ConnectionRegistry}. Netty
 * serialises all writes of a channel onto its loop, so frames are never interleaved.
 *
 * <p>WebSocket. {@link io.jim.adapter.tcp.TcpServer} also listens on an in-VM (Netty local) address with the same
 * pipeline; {@link io.jim.adapter.tcp.ws.WireBridge} connects one local channel per WebSocket connection to it, so
 * those are ordinary connections here, and only translates the transport's encodings (docs/WEBSOCKET.md).
 *
 * <p>Bounds. A connection stops reading while too many of its frames wait for processing, and is closed
 * when more bytes wait to be written to it than {@link io.jim.adapter.tcp.TcpConfig#maxOutboundBytesPerConnection()}.
 */
package io.jim.adapter.tcp;
