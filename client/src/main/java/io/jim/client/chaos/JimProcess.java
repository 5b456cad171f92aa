package io.jim.client.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jim as a child process ({@code java -jar jim-server.jar}) on fixed loopback ports, so that the chaos run
 * can SIGKILL it and start it again on the same database and ports. Output is appended to a log file.
 */
final class JimProcess implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int httpPort;
    private final int tcpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    JimProcess(Path java, Path serverJar, List<String> jvmOptions, Map<String, String> db, Path log) {
        this.httpPort = freePort();
        this.tcpPort = freePort();
        this.log = log;
        this.command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(serverJar.toString());
        this.env = new java.util.HashMap<>(db);
        env.put("JIM_HTTP_PORT", Integer.toString(httpPort));
        env.put("JIM_TCP_PORT", Integer.toString(tcpPort));
        env.put("JIM_BIND_ADDRESS", "127.0.0.1");
        env.put("JIM_PASSWORD_ITERATIONS", "1000");
        // The chaos run measures reliability, not admission control: the limits are off where jim has them
        // (keys a jim does not know are ignored).
        env.put("JIM_MAX_SENDS_PER_SECOND_PER_USER", "0");
        env.put("JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "0");
        env.put("JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "0");
        env.put("JIM_MAX_FRAMES_PER_SECOND", "0");
    }

    int httpPort() {
        return httpPort;
    }

    int tcpPort() {
        return tcpPort;
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts jim and waits until /health is UP and the TCP port accepts connections. */
    void start(Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("JIM_"));
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy() || !tcpAccepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jim exited with status " + process.exitValue() + " while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jim did not become healthy within " + timeout + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("jim survived SIGKILL");
        }
    }

    long pid() {
        return process.pid();
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean tcpAccepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM (graceful), then SIGKILL if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
        http.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
