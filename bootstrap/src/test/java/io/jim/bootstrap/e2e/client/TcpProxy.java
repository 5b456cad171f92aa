package io.jim.bootstrap.e2e.client;

import io.jim.client.Frame;
import io.jim.client.FrameDecoder;
import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between one client device and the server that the tests use to break connections the way a
 * network or a killed process does, and to see what the server wrote to the client.
 *
 * <p>It forwards whole frames (decoded and re-encoded, so the bytes are unchanged) in both directions and
 * records every server-to-client frame. {@link #killConnections()} drops every open connection abruptly: the
 * client side gets a TCP reset (as after a network failure), the server side a plain close (as from a killed
 * process). A {@linkplain #cutWhen cut} does the same at a chosen frame, and can keep new connections out
 * afterwards (accepted and closed at once), so that the test decides when the device may come back.
 */
final class TcpProxy implements AutoCloseable {

    /** Where a cut happens. */
    enum Cut {
        /** The client's frame is swallowed: the server never sees it. */
        CLIENT_FRAME_DROPPED,
        /** The client's frame reaches the server, then the connection dies at once (before any answer can come back). */
        CLIENT_FRAME_FORWARDED,
        /** The server's frame is swallowed: the client never sees it. */
        SERVER_FRAME_DROPPED
    }

    /** A frame the server wrote to the client, with the number of the proxied connection (1, 2, ...) it came on. */
    record ServerFrame(int connection, Frame frame) {

        /** The inbox items of a Message frame (none for other frames). */
        List<MessageItem> items() {
            return frame.type() == FrameType.MESSAGE ? message().getMessagesList() : List.of();
        }

        /** The frame as a Message; only for frames of type {@link FrameType#MESSAGE}. */
        Message message() {
            try {
                return Message.parseFrom(frame.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean isPush() {
            return frame.type() == FrameType.MESSAGE && message().getType() == 2;
        }

        boolean isSyncBatch() {
            return frame.type() == FrameType.MESSAGE && message().getType() == 1;
        }
    }

    private record CutRule(Cut where, int frameType, boolean refuseAfterwards, CompletableFuture<Frame> done) {
    }

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final List<ServerFrame> serverFrames = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicReference<CutRule> cut = new AtomicReference<>();
    private volatile boolean refusing;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** A proxy on a random loopback port in front of the server's TCP port. */
    static TcpProxy to(int serverPort) {
        try {
            return new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many client connections were accepted so far (refused ones included). */
    int connectionsAccepted() {
        return accepted.get();
    }

    /** Every frame the server wrote to the client so far, in arrival order, over all connections. */
    List<ServerFrame> serverFrames() {
        return List.copyOf(serverFrames);
    }

    /** The items of every Message frame the server wrote so far, pushes and sync batches alike. */
    List<MessageItem> deliveredItems() {
        List<MessageItem> items = new ArrayList<>();
        for (ServerFrame f : serverFrames) {
            items.addAll(f.items());
        }
        return items;
    }

    /**
     * Arms a one-shot cut at the next frame of {@code frameType} going the way {@code where} says; the future
     * completes with that frame once the connection is dead. With {@code refuseAfterwards}, new connections
     * are refused from then on (until {@link #acceptConnections()}).
     */
    CompletableFuture<Frame> cutWhen(Cut where, int frameType, boolean refuseAfterwards) {
        CutRule rule = new CutRule(where, frameType, refuseAfterwards, new CompletableFuture<>());
        if (!cut.compareAndSet(null, rule)) {
            throw new IllegalStateException("a cut is already armed");
        }
        return rule.done;
    }

    /** Accepts new connections and closes them at once (as if the device had no network). */
    void refuseConnections() {
        refusing = true;
    }

    /** Forwards new connections again. */
    void acceptConnections() {
        refusing = false;
    }

    /** Drops every open connection abruptly; answers how many there were. */
    int killConnections() {
        int n = 0;
        for (Link link : links) {
            link.kill();
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
        killConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            int number = accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                server.connect(upstream, 5000);
                Link link = new Link(number, client, server);
                links.add(link);
                if (closed) {
                    link.kill();
                    return;
                }
                Thread.ofVirtual().name("proxy-c2s-" + number).start(() -> link.pump(true));
                Thread.ofVirtual().name("proxy-s2c-" + number).start(() -> link.pump(false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }

    /** One proxied connection: the client's socket and the one to the server. */
    private final class Link {
        private final int number;
        private final Socket client;
        private final Socket server;
        private final AtomicInteger killed = new AtomicInteger();

        Link(int number, Socket client, Socket server) {
            this.number = number;
            this.client = client;
            this.server = server;
        }

        void pump(boolean clientToServer) {
            Socket from = clientToServer ? client : server;
            Socket to = clientToServer ? server : client;
            FrameDecoder decoder = new FrameDecoder();
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    List<Frame> frames = new ArrayList<>();
                    decoder.feed(buffer, 0, n, frames::add);
                    for (Frame frame : frames) {
                        if (!forward(clientToServer, frame, out)) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // The other side or a kill ended the connection.
            } finally {
                kill();
            }
        }

        /** Forwards one frame unless a cut applies; answers false when the connection is dead. */
        private boolean forward(boolean clientToServer, Frame frame, OutputStream out) throws IOException {
            CutRule rule = cut.get();
            boolean matches = rule != null && rule.frameType == frame.type()
                    && (rule.where == Cut.SERVER_FRAME_DROPPED) != clientToServer;
            if (matches && cut.compareAndSet(rule, null)) {
                if (rule.refuseAfterwards) {
                    refusing = true;
                }
                if (rule.where == Cut.CLIENT_FRAME_FORWARDED) {
                    out.write(frame.encode());
                    out.flush();
                }
                kill();
                rule.done.complete(frame);
                return false;
            }
            if (!clientToServer) {
                serverFrames.add(new ServerFrame(number, frame));
            }
            out.write(frame.encode());
            out.flush();
            return true;
        }

        void kill() {
            if (killed.getAndIncrement() > 0) {
                return;
            }
            links.remove(this);
            try {
                client.setSoLinger(true, 0); // a reset: the client learns at once that the connection is gone
            } catch (IOException ignored) {
                // Already closed.
            }
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
