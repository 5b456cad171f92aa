package io.jim.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** One TCP connection of a session: a blocking socket whose writes are never interleaved. */
final class Connection {

    private final long id;
    private final Socket socket = new Socket();
    // A lock rather than synchronized keeps virtual threads unpinned on JDK 21 while blocked in a write.
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile OutputStream out;
    long heartbeatsSent;
    long heartbeatAcks;
    boolean signedIn;

    Connection(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    void connect(String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        connect(host, port, null, connectTimeout, readTimeout);
    }

    /** Connects from {@code localAddress} (any port) when it is not null, else from the system's choice. */
    void connect(String host, int port, java.net.InetAddress localAddress, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
        // The read timeout is the dead-connection detector: heartbeats make a healthy server answer well within it.
        socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        out = socket.getOutputStream();
    }

    void write(Frame frame) throws IOException {
        byte[] bytes = frame.encode();
        writeLock.lock();
        try {
            OutputStream o = out;
            if (o == null) {
                throw new IOException("connection " + id + " is not connected");
            }
            o.write(bytes);
            o.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reads frames until the stream ends or fails; always ends with an exception that says why. After the
     * frames of each read (what the socket had at once) {@code afterRead} runs, so the caller can answer a
     * burst of frames once.
     */
    void readLoop(Consumer<Frame> sink, Runnable afterRead) throws IOException {
        InputStream in = socket.getInputStream();
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            decoder.feed(buffer, 0, n, sink);
            afterRead.run();
        }
        throw new EOFException(decoder.hasPartialFrame() ? "connection closed inside a frame" : "connection closed by the server");
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
