package io.jim.client.bench;

import io.jim.client.Credentials;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.LoginResult;
import io.jim.client.ReceiverType;
import io.jim.client.SessionClosedException;
import org.HdrHistogram.Histogram;

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
import java.util.concurrent.locks.LockSupport;

/**
 * The messaging scenarios: one-to-one (friend pairs, every device connected) and group (one group, some of
 * its members sending). Setup first (untimed), then the timed window with a progress line per second, then
 * the drain (acks, pushes, a final sync of every device) and the integrity check. The answer is the result
 * object printed as JSON.
 */
public final class MessageBench {

    private final BenchSettings settings;
    private final String scenario;
    private final Traffic traffic;
    private final List<JimSession> sessions = new ArrayList<>();
    private int nextSource;
    private double setupSeconds;
    private double loginsPerSecond;
    private long rowsPerMessage;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private MessageBench(BenchSettings settings, String scenario) {
        this.settings = settings;
        this.scenario = scenario;
        this.traffic = new Traffic(settings.padding);
    }

    /**
     * {@code users} users (an even number) in friend pairs, each with {@code devicesPerUser} connected devices;
     * the first device of every user sends to its friend. Each message is stored in 2 inboxes and pushed to the
     * friend's devices and to the sender's other devices.
     */
    public static Map<String, Object> oneToOne(BenchSettings settings, int users, int devicesPerUser) {
        if (users < 2 || users % 2 != 0 || devicesPerUser < 1) {
            throw new IllegalArgumentException("--users must be an even number ≥ 2 and --devices-per-user ≥ 1");
        }
        MessageBench b = new MessageBench(settings, "one-to-one");
        b.extra.put("users", users);
        b.extra.put("devices_per_user", devicesPerUser);
        b.rowsPerMessage = 2;
        try (JimClient root = JimClient.create(URI.create(settings.httpUrl), Duration.ofSeconds(120))) {
            long t0 = System.nanoTime();
            Setup setup = new Setup(root, settings);
            List<Setup.BenchUser> all = setup.users(users, devicesPerUser);
            setup.befriendPairs(all);
            b.setupDone(t0, setup);
            List<List<Traffic.Receiver>> receivers = new ArrayList<>();
            for (Setup.BenchUser u : all) {
                receivers.add(b.connectUser(u));
            }
            for (Setup.BenchUser u : all) {
                Setup.BenchUser peer = all.get(u.index() ^ 1);
                Traffic.Sender s = b.traffic.sender(b.sessionOf(u, 0), ReceiverType.USER, peer.userId());
                s.expectedAt.addAll(receivers.get(peer.index()));
                s.expectedAt.addAll(receivers.get(u.index()).subList(1, devicesPerUser));
            }
            return b.run();
        }
    }

    /** One group of {@code groupSize} users (one device each); its first {@code senders} members send to it. */
    public static Map<String, Object> group(BenchSettings settings, int groupSize, int senders) {
        if (groupSize < 2 || senders < 1 || senders > groupSize) {
            throw new IllegalArgumentException("--group-size must be ≥ 2 and 1 ≤ --senders ≤ --group-size");
        }
        MessageBench b = new MessageBench(settings, "group");
        b.extra.put("group_size", groupSize);
        b.extra.put("senders", senders);
        b.rowsPerMessage = groupSize;
        try (JimClient root = JimClient.create(URI.create(settings.httpUrl), Duration.ofSeconds(120))) {
            long t0 = System.nanoTime();
            Setup setup = new Setup(root, settings);
            List<Setup.BenchUser> all = setup.users(groupSize, 1);
            long group = setup.group(all);
            b.setupDone(t0, setup);
            List<Traffic.Receiver> receivers = new ArrayList<>();
            for (Setup.BenchUser u : all) {
                receivers.addAll(b.connectUser(u));
            }
            for (int i = 0; i < senders; i++) {
                Traffic.Sender s = b.traffic.sender(b.sessionOf(all.get(i), 0), ReceiverType.GROUP, group);
                for (int j = 0; j < receivers.size(); j++) {
                    if (j != i) {
                        s.expectedAt.add(receivers.get(j));
                    }
                }
            }
            return b.run();
        }
    }

    private void setupDone(long t0, Setup setup) {
        setupSeconds = (System.nanoTime() - t0) / 1e9;
        loginsPerSecond = setup.logins / Math.max(1e-9, setup.loginNanos / 1e9);
        settings.say(String.format("setup: %.1f s (%d logins at %.0f/s)", setupSeconds, setup.logins, loginsPerSecond));
    }

    private final Map<Long, JimSession> byDevice = new LinkedHashMap<>();

    private JimSession sessionOf(Setup.BenchUser u, int device) {
        return byDevice.get(u.devices().get(device).deviceId());
    }

    /** Builds (not starts) one session per device of {@code u}; answers their receivers. */
    private List<Traffic.Receiver> connectUser(Setup.BenchUser u) {
        List<Traffic.Receiver> out = new ArrayList<>();
        for (LoginResult login : u.devices()) {
            Traffic.Receiver r = traffic.receiver(login.deviceId());
            JimSession.Builder builder = JimSession.builder(Credentials.of(login))
                    .address(settings.tcpHost, settings.tcpPort)
                    .listener(r::onMessage)
                    .ackTimeout(Duration.ofSeconds(60))
                    .syncLimit(500)
                    .reconnectDelay(Duration.ofMillis(200), Duration.ofSeconds(5));
            InetAddress source = nextSource();
            if (source != null) {
                builder.localAddress(source);
            }
            JimSession session = builder.build();
            r.session = session;
            sessions.add(session);
            byDevice.put(login.deviceId(), session);
            out.add(r);
        }
        return out;
    }

    private InetAddress nextSource() {
        List<InetAddress> sources = settings.sourceAddresses;
        return sources.isEmpty() ? null : sources.get(nextSource++ % sources.size());
    }

    private Map<String, Object> run() {
        long t0 = System.nanoTime();
        Parallel.run(sessions.size(), settings.connectConcurrency, i -> {
            try {
                sessions.get(i).start().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("sign-in failed: " + e, e);
            }
        });
        settings.say(String.format("connected: %d sessions in %.1f s", sessions.size(), (System.nanoTime() - t0) / 1e9));
        sleep(500); // let the sign-in syncs (friend/group events) finish before timing starts

        Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        long warmupNanos = (long) (settings.warmupSeconds * 1e9);
        long warmupStart = System.nanoTime();
        long start = warmupStart + warmupNanos;
        long durationNanos = (long) (settings.durationSeconds * 1e9);
        long end = start + durationNanos;
        long[] last = {0};
        ticker.scheduleAtFixedRate(() -> {
            double p99;
            double p99Interval;
            synchronized (total) {
                Histogram interval = traffic.drainLatency(total);
                p99 = total.getValueAtPercentile(99) / 1000.0;
                p99Interval = interval.getValueAtPercentile(99) / 1000.0;
            }
            long acked = traffic.acked.sum();
            long now = System.nanoTime();
            settings.say(String.format("%s%5.1fs sent=%d acked=%d delivered=%d rate=%d/s inflight=%d p99=%.1fms (last 1s %.1fms) errors=%d",
                    now < start ? "warmup " : "", (now - (now < start ? warmupStart : start)) / 1e9, traffic.sent.sum(), acked,
                    traffic.delivered.sum(), acked - last[0], traffic.inFlight(), p99, p99Interval, traffic.errors.sum()));
            last[0] = acked;
        }, 1, 1, TimeUnit.SECONDS);

        volatileRunning = true;
        if (settings.rate <= 0) {
            for (Traffic.Sender s : traffic.senders) {
                for (int k = 0; k < settings.window; k++) {
                    sendLooping(s);
                }
            }
        }
        if (warmupNanos > 0) {
            // Same load, untimed: lets the server's JIT and pools settle before the window.
            if (settings.rate > 0) {
                paced(warmupStart, start);
            } else {
                parkUntil(start);
            }
        }
        // The window starts here: counters and latencies from now on.
        synchronized (total) {
            traffic.drainLatency(new Histogram(TimeUnit.MINUTES.toMicros(10), 3));
            total.reset();
        }
        long ackedAtStart = traffic.acked.sum();
        long deliveredAtStart = traffic.delivered.sum();
        double serverCpu0 = ServerProcess.cpuSeconds(settings.serverPid);
        double ownCpu0 = ServerProcess.ownCpuSeconds();
        if (settings.rate > 0) {
            paced(start, end);
        } else {
            parkUntil(end);
        }
        volatileRunning = false;
        double window = (System.nanoTime() - start) / 1e9;
        long ackedInWindow = traffic.acked.sum() - ackedAtStart;
        long deliveredInWindow = traffic.delivered.sum() - deliveredAtStart;
        long rss = ServerProcess.rssKib(settings.serverPid);
        double serverCpu = serverCpu0 < 0 ? -1 : ServerProcess.cpuSeconds(settings.serverPid) - serverCpu0;
        double ownCpu = ServerProcess.ownCpuSeconds() - ownCpu0;

        // Drain: acks of in-flight sends, then pushes, then one final sync of every device.
        long drainEnd = System.nanoTime() + (long) (settings.drainSeconds * 1e9);
        while (traffic.inFlight() > 0 && System.nanoTime() < drainEnd) {
            sleep(20);
        }
        long expected = traffic.expectedDeliveries();
        while (traffic.delivered.sum() < expected && System.nanoTime() < drainEnd) {
            sleep(20);
        }
        for (JimSession s : sessions) {
            s.requestSync();
        }
        sleep(Math.min(1000, Math.max(0, (drainEnd - System.nanoTime()) / 1_000_000)));
        while (traffic.delivered.sum() < expected && System.nanoTime() < drainEnd) {
            sleep(20);
        }
        ticker.shutdownNow();
        synchronized (total) {
            traffic.drainLatency(total);
        }
        Traffic.Integrity integrity = traffic.check();
        int inFlightAtEnd = traffic.inFlight();
        if (inFlightAtEnd > 0) {
            traffic.error(inFlightAtEnd + " send(s) still unacknowledged after the drain");
        }
        closeAll();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.putAll(extra);
        out.put("rate_target", settings.rate > 0 ? settings.rate : "max");
        out.put("duration_s", round(window, 2));
        out.put("warmup_s", settings.warmupSeconds);
        out.put("sent", traffic.sent.sum());
        out.put("acked", traffic.acked.sum());
        out.put("delivered", traffic.delivered.sum());
        out.put("expected_deliveries", integrity.expected());
        out.put("lost", integrity.lost());
        out.put("duplicated", integrity.duplicated());
        out.put("reordered", integrity.reordered());
        out.put("unexpected", integrity.unexpected());
        out.put("acked_per_s", round(ackedInWindow / window, 1));
        out.put("delivered_per_s", round(deliveredInWindow / window, 1));
        out.put("inbox_rows_per_s", round(ackedInWindow * rowsPerMessage / window, 1));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", ms(total.getValueAtPercentile(50)));
        latency.put("p90", ms(total.getValueAtPercentile(90)));
        latency.put("p99", ms(total.getValueAtPercentile(99)));
        latency.put("p999", ms(total.getValueAtPercentile(99.9)));
        latency.put("max", ms(total.getMaxValue()));
        out.put("latency_ms", latency);
        out.put("connections", sessions.size());
        out.put("server_rss_mb", ServerProcess.mb(rss));
        if (serverCpu >= 0) {
            // CPU the server used in the window: cores busy, and per acked message (meaningful even on a shared machine).
            out.put("server_cpu_cores", round(serverCpu / window, 2));
            out.put("server_cpu_us_per_msg", ackedInWindow == 0 ? null : round(serverCpu * 1e6 / ackedInWindow, 0));
        }
        out.put("generator_cpu_cores", round(ownCpu / window, 2));
        out.put("load_avg_1m", ServerProcess.loadAverage());
        out.put("setup_s", round(setupSeconds, 1));
        out.put("logins_per_s", round(loginsPerSecond, 0));
        out.put("rate_limited", traffic.rateLimited.sum());
        out.put("errors", traffic.errors.sum());
        if (!traffic.errorSamples.isEmpty()) {
            out.put("error_samples", List.copyOf(traffic.errorSamples));
        }
        return out;
    }

    private volatile boolean volatileRunning;

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Max-rate mode: every ack (or failure) sends the sender's next message while the window lasts. */
    private void sendLooping(Traffic.Sender s) {
        s.send(() -> {
            if (volatileRunning) {
                sendLooping(s);
            }
        });
    }

    /** Fixed-rate mode: sends spread evenly in time, round robin over the senders (a sender with a full window skips its turn). */
    private void paced(long start, long end) {
        List<Traffic.Sender> senders = traffic.senders;
        double intervalNanos = 1e9 / settings.rate;
        int cap = Math.max(settings.window, 1000);
        long skipped = 0;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            Traffic.Sender s = senders.get((int) (i % senders.size()));
            if (s.inFlight() >= cap) {
                skipped++;
                continue;
            }
            s.send(null);
        }
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        if (skipped > 0) {
            extra.put("skipped_sends", skipped);
        }
    }

    private void closeAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (JimSession s : sessions) {
            closing.add(s.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof SessionClosedException)) {
                settings.say("closing sessions: " + e);
            }
        }
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0, 2);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
