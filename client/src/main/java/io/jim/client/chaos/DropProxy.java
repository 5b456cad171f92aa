package io.jim.client.chaos;

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

/**
 * A byte-for-byte TCP proxy on a loopback port in front of jim's TCP port: every client session connects
 * through it, and {@link #dropRandom()} resets one of the piped connections (the client sees a TCP reset,
 * as when its network fails; jim sees the connection close).
 */
final class DropProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DropProxy(int upstreamPort) {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        try {
            this.listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("chaos-proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets one open connection chosen at random; answers whether there was one. */
    boolean dropRandom() {
        List<Link> open = new ArrayList<>(links);
        return !open.isEmpty() && open.get(ThreadLocalRandom.current().nextInt(open.size())).reset();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
        for (Link l : List.copyOf(links)) {
            l.reset();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().name("chaos-proxy-link").start(() -> open(client));
        }
    }

    private void open(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, 5000);
        } catch (IOException e) {
            resetSocket(client); // jim is down (killed): the client sees a failed connect, as without a proxy
            closeQuietly(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        if (closed) {
            link.reset();
            return;
        }
        Thread.ofVirtual().name("chaos-proxy-c2s").start(() -> link.pump(client, server));
        Thread.ofVirtual().name("chaos-proxy-s2c").start(() -> link.pump(server, client));
    }

    private static void resetSocket(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean done = new AtomicBoolean();

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
                // reset, or the other side went away
            }
            if (done.compareAndSet(false, true)) {
                links.remove(this);
                // A killed server must look killed to the client too: reset rather than a polite close.
                resetSocket(client);
                closeQuietly(server);
            }
        }

        boolean reset() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            links.remove(this);
            resetSocket(client);
            resetSocket(server);
            return true;
        }
    }
}
