package io.jim.client.bench;

import io.jim.client.Credentials;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.LoginResult;
import io.jim.client.SessionState;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Signed-in idle connections: logs in {@code N} devices (untimed setup), signs them all in over TCP as fast as
 * the server takes them (the sign-in rate), holds them with heartbeats, and reports the server's memory per
 * connection ({@code (RSS with N − RSS before) / N}, each after a GC when asked) and how many stayed online.
 */
public final class ConnectionsBench {

    private ConnectionsBench() {
    }

    /**
     * @param connections     how many sessions
     * @param devicesPerUser  devices per benchmark user (fewer users to register)
     * @param heartbeatSeconds each session's heartbeat interval
     * @param holdSeconds     how long to keep them after all signed in (0 = sign-in rate only)
     * @param receive         whether sessions receive their inbox (a sync after each sign-in), like a real client
     */
    public static Map<String, Object> run(BenchSettings settings, String scenario, int connections, int devicesPerUser,
            double heartbeatSeconds, double holdSeconds, boolean receive) {
        if (connections < 1 || devicesPerUser < 1) {
            throw new IllegalArgumentException("--connections and --devices-per-user must be ≥ 1");
        }
        int users = (connections + devicesPerUser - 1) / devicesPerUser;
        List<LoginResult> logins = new ArrayList<>();
        double setupSeconds;
        double loginsPerSecond;
        try (JimClient root = JimClient.create(URI.create(settings.httpUrl), Duration.ofSeconds(120))) {
            long t0 = System.nanoTime();
            Setup setup = new Setup(root, settings);
            for (Setup.BenchUser u : setup.users(users, devicesPerUser)) {
                logins.addAll(u.devices());
            }
            setupSeconds = (System.nanoTime() - t0) / 1e9;
            loginsPerSecond = setup.logins / Math.max(1e-9, setup.loginNanos / 1e9);
            settings.say(String.format("setup: %.1f s (%d logins at %.0f/s)", setupSeconds, setup.logins, loginsPerSecond));
        }
        logins = logins.subList(0, connections);

        if (settings.serverGc) {
            ServerProcess.gc(settings.serverPid);
        }
        long rssBefore = ServerProcess.rssKib(settings.serverPid);

        List<JimSession> sessions = new ArrayList<>(connections);
        List<InetAddress> sources = settings.sourceAddresses;
        Duration heartbeat = Duration.ofMillis((long) (heartbeatSeconds * 1000));
        for (int i = 0; i < connections; i++) {
            JimSession.Builder b = JimSession.builder(Credentials.of(logins.get(i)))
                    .address(settings.tcpHost, settings.tcpPort)
                    .heartbeatInterval(heartbeat)
                    .readTimeout(heartbeat.multipliedBy(3).plusSeconds(30))
                    .connectTimeout(Duration.ofSeconds(30))
                    .receiveMessages(receive)
                    .maxConnectFailures(3)
                    .reconnectDelay(Duration.ofMillis(500), Duration.ofSeconds(10));
            if (!sources.isEmpty()) {
                b.localAddress(sources.get(i % sources.size()));
            }
            sessions.add(b.build());
        }

        LongAdder signedIn = new LongAdder();
        LongAdder failed = new LongAdder();
        List<String> samples = new ArrayList<>();
        AtomicLong phaseStart = new AtomicLong(System.nanoTime());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> settings.say(String.format("%5.1fs signed-in=%d failed=%d online=%d",
                (System.nanoTime() - phaseStart.get()) / 1e9, signedIn.sum(), failed.sum(), online(sessions))),
                1, 1, TimeUnit.SECONDS);

        long start = System.nanoTime();
        Parallel.run(connections, settings.connectConcurrency, i -> {
            try {
                sessions.get(i).start().get(120, TimeUnit.SECONDS);
                signedIn.increment();
            } catch (Exception e) {
                failed.increment();
                synchronized (samples) {
                    if (samples.size() < 10) {
                        samples.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
                    }
                }
            }
        });
        double signInSeconds = (System.nanoTime() - start) / 1e9;
        settings.say(String.format("signed in: %d of %d in %.1f s (%.0f/s)", signedIn.sum(), connections, signInSeconds,
                signedIn.sum() / signInSeconds));

        long holdNanos = (long) (holdSeconds * 1e9);
        long rssWith = -1;
        if (holdNanos > 0) {
            MessageBench.sleep(holdNanos / 2_000_000);
            if (settings.serverGc) {
                ServerProcess.gc(settings.serverPid);
            }
            rssWith = ServerProcess.rssKib(settings.serverPid);
            long rest = start + (long) (signInSeconds * 1e9) + holdNanos - System.nanoTime();
            if (rest > 0) {
                MessageBench.sleep(rest / 1_000_000);
            }
        } else {
            rssWith = ServerProcess.rssKib(settings.serverPid);
        }
        int onlineAtEnd = online(sessions);
        ticker.shutdownNow();

        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (JimSession s : sessions) {
            closing.add(s.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            settings.say("closing sessions: " + e);
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("duration_s", MessageBench.round(signInSeconds + holdSeconds, 1));
        out.put("sent", 0);
        out.put("acked", 0);
        out.put("delivered", 0);
        out.put("expected_deliveries", 0);
        out.put("lost", 0);
        out.put("duplicated", 0);
        out.put("reordered", 0);
        out.put("acked_per_s", 0);
        out.put("delivered_per_s", 0);
        out.put("connections", connections);
        out.put("signed_in", signedIn.sum());
        out.put("online_at_end", onlineAtEnd);
        out.put("sign_in_s", MessageBench.round(signInSeconds, 2));
        out.put("sign_ins_per_s", MessageBench.round(signedIn.sum() / signInSeconds, 0));
        out.put("logins_per_s", MessageBench.round(loginsPerSecond, 0));
        out.put("heartbeat_s", heartbeatSeconds);
        out.put("hold_s", holdSeconds);
        out.put("server_rss_idle_mb", ServerProcess.mb(rssBefore));
        out.put("server_rss_mb", ServerProcess.mb(rssWith));
        if (rssBefore >= 0 && rssWith >= 0) {
            out.put("server_kib_per_connection", MessageBench.round((double) (rssWith - rssBefore) / connections, 2));
        }
        out.put("load_avg_1m", ServerProcess.loadAverage());
        out.put("setup_s", MessageBench.round(setupSeconds, 1));
        out.put("errors", failed.sum() + (connections - onlineAtEnd));
        if (!samples.isEmpty()) {
            out.put("error_samples", samples);
        }
        return out;
    }

    private static int online(List<JimSession> sessions) {
        int n = 0;
        for (JimSession s : sessions) {
            if (s.state() == SessionState.ONLINE) {
                n++;
            }
        }
        return n;
    }
}
