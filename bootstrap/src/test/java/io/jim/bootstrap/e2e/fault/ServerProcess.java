package io.jim.bootstrap.e2e.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jim ({@code io.jim.bootstrap.Main}) as a separate JVM on the test class path, so that it can be killed
 * like a real process: {@link #kill()} is SIGKILL. Its output goes to a log file under {@code target/}.
 */
final class ServerProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final int httpPort;
    private final int tcpPort;
    private final Path logDir;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Path> logs = new ArrayList<>();
    private final String classPath;
    private Process process;

    /**
     * {@code db} holds JIM_DB_URL or JIM_DATA_DIR; ports are picked here and kept across restarts. The class
     * path's directories are copied to {@code scratch} first, so that a rebuild of {@code target/classes}
     * while the test runs cannot take classes away from the restarted process.
     */
    ServerProcess(String name, Map<String, String> db, Path logDir, Path scratch) throws IOException {
        this.name = name;
        this.logDir = logDir;
        this.classPath = snapshot(System.getProperty("java.class.path"), scratch.resolve("classpath"));
        this.httpPort = freePort();
        this.tcpPort = freePort();
        this.env = new HashMap<>(db);
        env.put("JIM_HTTP_PORT", Integer.toString(httpPort));
        env.put("JIM_TCP_PORT", Integer.toString(tcpPort));
        env.put("JIM_BIND_ADDRESS", "127.0.0.1");
        env.put("JIM_PASSWORD_ITERATIONS", "1000");
        env.put("JIM_DB_POOL_SIZE", "8");
        // The load is not what is tested: no per-user send limit (the key is ignored by a jim without it).
        env.put("JIM_MAX_SENDS_PER_SECOND_PER_USER", "0");
    }

    private static String snapshot(String classPath, Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path copy = into.resolve(Integer.toString(n++));
                try (var files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path target = copy.resolve(p.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(f, target);
                        }
                    }
                }
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
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

    /** Starts the process and waits until /health says UP. */
    void start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath,
                "io.jim.bootstrap.Main")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only this test's settings: a JIM_* variable of the surrounding environment must not leak in.
        pb.environment().keySet().removeIf(k -> k.startsWith("JIM_"));
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy() || !tcpAccepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jim exited with " + process.exitValue() + " during start-up; see " + log
                        + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jim not healthy within " + timeout + "; see " + log + ":\n" + tail(log));
            }
            Thread.sleep(50); // polling /health, bounded by the deadline
        }
    }

    /** SIGKILL: no shutdown hook, no Kick, no flush; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("jim survived SIGKILL");
        }
    }

    /** SIGTERM (the graceful stop); waits until the process is gone. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean tcpAccepts() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        http.close();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
