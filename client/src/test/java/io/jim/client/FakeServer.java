package io.jim.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** A scripted jim server for tests: accepts connections on a random loopback port and lets the test drive them. */
public final class FakeServer implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final BlockingQueue<FakeConnection> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    public FakeServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("fake-server-acceptor").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                accepted.add(new FakeConnection(socket));
            }
        } catch (IOException closed) {
            // The server socket was closed: the test is over.
        }
    }

    /** The next connection the client opens (fails the test after the timeout). */
    public FakeConnection accept() throws InterruptedException {
        FakeConnection connection = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (connection == null) {
            fail("the client did not connect within " + TIMEOUT);
        }
        return connection;
    }

    /** The next connection, after its SignIn has been answered with success. */
    public FakeConnection acceptSignedIn(long maxSequence) throws InterruptedException, IOException {
        FakeConnection connection = accept();
        connection.expectSignIn();
        connection.signInOk(maxSequence);
        return connection;
    }

    /** Whether the client opened another connection within {@code window} (for asserting that it does not). */
    public boolean connectsWithin(Duration window) throws InterruptedException {
        return accepted.poll(window.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        FakeConnection c;
        while ((c = accepted.poll()) != null) {
            c.close();
        }
    }
}
