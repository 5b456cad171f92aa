package io.jim.bootstrap.e2e.fault;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-for-byte TCP proxy on a random loopback port that breaks connections the way a network does:
 * {@link #down()} resets every piped connection and accepts-and-closes new ones until {@link #up()};
 * {@link #killRandom()} resets one connection. Used between jim and its database (an outage) and between
 * clients and jim (a client whose network drops).
 */
final class FaultProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fault-proxy-accept-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** A proxy in front of {@code host:port}. */
    static FaultProxy to(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection and turns new ones away (accepted and closed at once) until {@link #up()}. */
    int down() {
        down = true;
        return killAll();
    }

    /** Forwards new connections again. */
    void up() {
        down = false;
    }

    boolean isDown() {
        return down;
    }

    /** Resets every open connection (new ones are still forwarded unless the proxy is down). */
    int killAll() {
        int n = 0;
        for (Link link : List.copyOf(links)) {
            if (link.kill()) {
                n++;
            }
        }
        return n;
    }

    /** Resets one open connection chosen at random; answers whether there was one. */
    boolean killRandom() {
        List<Link> open = new ArrayList<>(links);
        if (open.isEmpty()) {
            return false;
        }
        return open.get(ThreadLocalRandom.current().nextInt(open.size())).kill();
    }

    int openConnections() {
        return links.size();
    }

    int accepted() {
        return accepted.get();
    }

    /** Connections turned away while down. */
    int refused() {
        return refused.get();
    }

    /** Connections reset by {@link #down()}, {@link #killAll()} or {@link #killRandom()}. */
    int killed() {
        return killed.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
        killAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (down) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Thread.ofVirtual().name("fault-proxy-connect").start(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, 5000);
        } catch (IOException e) {
            reset(client);
            closeQuietly(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        if (down || closed) {
            link.kill();
            return;
        }
        Thread.ofVirtual().name("fault-proxy-c2s").start(() -> link.pump(client, server));
        Thread.ofVirtual().name("fault-proxy-s2c").start(() -> link.pump(server, client));
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a broken network or a killed peer looks. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** One proxied connection. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean dead = new AtomicBoolean();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[32 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a kill, or the peer went away
            }
            closeBoth(); // either side ending ends the connection (neither protocol here half-closes)
        }

        private void closeBoth() {
            if (dead.compareAndSet(false, true)) {
                links.remove(this);
                closeQuietly(client);
                closeQuietly(server);
            }
        }

        /** Resets both sides; answers whether this call did it. */
        boolean kill() {
            if (!dead.compareAndSet(false, true)) {
                return false;
            }
            links.remove(this);
            killed.incrementAndGet();
            reset(client);
            reset(server);
            return true;
        }
    }
}
