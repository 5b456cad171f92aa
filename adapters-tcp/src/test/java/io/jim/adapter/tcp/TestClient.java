package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.proto.FrameType;
import io.jim.proto.SignInACK;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** A blocking socket client for the real-server tests; every read gives up after a bounded time. */
final class TestClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TestClient connect(int port) {
        return connect(port, 0);
    }

    /** A client over an already connected socket (a TLS one, for instance); reads time out as for the others. */
    static TestClient over(Socket socket) {
        try {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new TestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client with a small receive buffer (set before connecting, so the window is small from the start). */
    static TestClient connect(int port, int receiveBufferBytes) {
        try {
            Socket socket = new Socket();
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new TestClient(socket);
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

    /** The next frame; fails on end of stream or timeout. */
    Frames.Frame read() {
        Frames.Frame frame = readOrNull();
        if (frame == null) {
            throw new AssertionError("connection closed while a frame was expected");
        }
        return frame;
    }

    /** The next frame, or null at end of stream. */
    Frames.Frame readOrNull() {
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
            return new Frames.Frame(type, body);
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return null;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes; returns the frames received before that. Fails if it does not close in time. */
    List<Frames.Frame> readUntilClosed() {
        List<Frames.Frame> frames = new ArrayList<>();
        for (Frames.Frame f = readOrNull(); f != null; f = readOrNull()) {
            frames.add(f);
        }
        return frames;
    }

    SignInACK signIn(long device, long user) {
        write(Frames.signIn(device, user, Stubs.GOOD_TOKEN));
        Frames.Frame frame = read();
        assertThat(frame.type()).isEqualTo(FrameType.SIGN_IN_ACK);
        SignInACK ack = frame.as(SignInACK.parser());
        assertThat(ack.getCode()).isZero();
        return ack;
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
