package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real server under several garbage-sending connections in parallel with one well-behaved client, which
 * must get every heartbeat answered throughout. {@code -Djim.fuzz.socket.seconds=N} (default 10),
 * {@code -Djim.fuzz.seed=S}.
 */
class SocketFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(SocketFuzzTest.class);

    private static final int GARBAGE_CLIENTS = 6;
    /** Heartbeats paced below the default frame budget (200/s): this client is polite. */
    private static final long HEARTBEAT_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Test
    void garbageConnectionsShouldNotStopAWellBehavedClientsHeartbeats() throws Exception {
        Duration budget = FuzzSupport.duration("jim.fuzz.socket.seconds", 10);
        long seed = Long.getLong("jim.fuzz.seed", 0x5EED_F00DL);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TcpConfig config = TcpConfig.DEFAULTS.withBindAddress("127.0.0.1").withPort(0).withIoThreads(2).withMaxFrameBytes(4096)
                .withShutdownTimeout(Duration.ofSeconds(3));
        TcpServer server = new TcpServer(config, Stubs.SIGN_IN, FuzzSupport.SEND, FuzzSupport.SYNC, FuzzSupport.ACK,
                new ConnectionRegistry(meters), meters);
        int port = server.start();
        AtomicLong garbageConnections = new AtomicLong();
        AtomicLong garbageBytes = new AtomicLong();
        long deadline = System.nanoTime() + budget.toNanos();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try (FuzzSupport.LogProbe logs = new FuzzSupport.LogProbe()) {
            long heartbeats = 0;
            List<Future<?>> garbage = new ArrayList<>();
            try (TestClient good = TestClient.connect(port)) {
                good.signIn(7_001, 7_002);
                for (int i = 0; i < GARBAGE_CLIENTS; i++) {
                    Random random = new Random(seed + i);
                    garbage.add(threads.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            WireInputs.Input input = new WireInputs(random, config.maxFrameBytes()).next();
                            garbageBytes.addAndGet(sendAndDrain(port, input, random));
                            garbageConnections.incrementAndGet();
                        }
                        return null;
                    }));
                }
                while (System.nanoTime() < deadline) {
                    good.write(Frames.heartbeat());
                    Frames.Frame answer = good.read();
                    long n = heartbeats + 1;
                    assertThat(answer.type()).as(() -> "heartbeat " + n + " answered, got frame code " + answer.type()
                            + (answer.type() == FrameType.KICK ? " " + answer.as(Kick.parser()) : "")).isEqualTo(FrameType.HEARTBEAT_ACK);
                    heartbeats++;
                    LockSupport.parkNanos(HEARTBEAT_PACE_NANOS); // pacing, not synchronisation
                }
            }
            for (Future<?> f : garbage) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(logs.drain()).as("log lines at WARN or above").isEmpty();
            log.warn("socket fuzz: {} garbage connections ({} bytes) in {} s against one good client with {} heartbeats answered",
                    garbageConnections.get(), garbageBytes.get(), budget.toSeconds(), heartbeats);
            assertThat(heartbeats).isPositive();
            assertThat(garbageConnections.get()).isPositive();
        } finally {
            threads.shutdownNow();
            server.stop();
        }
    }

    /** One garbage connection: optional sign-in, the input in random pieces, then read what comes until closed or quiet. */
    private static int sendAndDrain(int port, WireInputs.Input input, Random random) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                if (input.signedIn()) {
                    out.write(Frames.signIn(WireInputs.DEVICE + 100 + random.nextInt(1000), WireInputs.USER + 100, Stubs.GOOD_TOKEN));
                }
                byte[] bytes = input.bytes();
                for (int at = 0; at < bytes.length; ) {
                    int n = 1 + random.nextInt(bytes.length - at);
                    out.write(bytes, at, n);
                    at += n;
                }
                out.flush();
            } catch (IOException e) {
                return input.bytes().length; // the server closed while we wrote (a Kick): fine
            }
            byte[] sink = new byte[8192];
            try {
                while (in.read(sink) >= 0) {
                    // the answers are checked by WireFuzzTest; here only the server's resilience is
                }
            } catch (SocketTimeoutException e) {
                // the server keeps a well-formed connection open: we leave
            } catch (IOException e) {
                // reset by the server after a Kick: fine
            }
            return input.bytes().length;
        }
    }
}
