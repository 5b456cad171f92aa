package io.jim.adapter.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-VM door of a running {@link TcpServer}: a Netty local address served by the very pipeline of
 * the TCP port (framing, sign-in, heartbeat, limits, serial processing, registry, kicks), so that a
 * connection arriving over another transport (the WebSocket endpoint) is an ordinary jim connection.
 * The peer writes and reads TLV bytes exactly as a socket client would.
 */
public final class InVmEndpoint {

    private final LocalAddress address;
    private final EventLoopGroup group;
    /** The client-side channels opened here and not yet closed; they live on the server's event loops. */
    private final Set<Channel> peers = ConcurrentHashMap.newKeySet();

    InVmEndpoint(LocalAddress address, EventLoopGroup group) {
        this.address = Objects.requireNonNull(address, "address");
        this.group = Objects.requireNonNull(group, "group");
    }

    /**
     * Opens a client-side channel to the server, bound to {@code clientAddress} (which the server logs as
     * the connection's remote address; it must be unique), with {@code clientHandler} as its pipeline.
     */
    public ChannelFuture connect(LocalAddress clientAddress, ChannelHandler clientHandler) {
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(LocalChannel.class)
                .handler(clientHandler)
                .connect(address, clientAddress);
        Channel peer = connect.channel();
        peers.add(peer);
        peer.closeFuture().addListener(f -> peers.remove(peer));
        return connect;
    }

    /**
     * The client-side channels still open. The server closes its side of each first; the client side then
     * closes on its own event loop, behind the reads of every byte the server wrote before closing (the
     * Kick{23} of a shutdown), so once these are closed the peers have their last frames.
     */
    List<Channel> openPeers() {
        return List.copyOf(peers);
    }

    @Override
    public String toString() {
        return "InVmEndpoint[" + address + "]";
    }
}
