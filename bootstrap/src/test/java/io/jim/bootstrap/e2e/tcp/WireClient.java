package io.jim.bootstrap.e2e.tcp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain blocking socket speaking raw TLV: every read gives up after a bounded time (so a missing frame
 * fails the test instead of hanging it), and end of stream or a reset reads as "closed".
 */
final class WireClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static WireClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new WireClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each byte on its own (TCP_NODELAY is on, so each goes out as its own segment). */
    void writeOneByteAtATime(byte[] bytes) {
        for (byte b : bytes) {
            write(new byte[] {b});
        }
    }

    /** The next frame; fails on end of stream or timeout. */
    Wire.Frame read() {
        Wire.Frame frame = readOrNull();
        if (frame == null) {
            throw new AssertionError("connection closed while a frame was expected");
        }
        return frame;
    }

    /** The next frame, or null at end of stream (or a reset); fails on timeout. */
    Wire.Frame readOrNull() {
        try {
            int type;
            try {
                type = in.readUnsignedShort();
            } catch (EOFException e) {
                return null;
            }
            int length = in.readUnsignedShort();
            byte[] body = new byte[length];
            in.readFully(body);
            return new Wire.Frame(type, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within " + TIMEOUT_MILLIS + " ms", e);
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("reset")) {
                return null;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes; returns the frames received before that. Fails if it does not close in time. */
    List<Wire.Frame> readUntilClosed() {
        List<Wire.Frame> frames = new ArrayList<>();
        for (Wire.Frame f = readOrNull(); f != null; f = readOrNull()) {
            frames.add(f);
        }
        return frames;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
