package io.jim.client.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.client.JimClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jim-cli bench SCENARIO}: the load generator. Setup (users, friends, groups) is untimed; progress goes
 * to stderr once a second; the result is ONE JSON object on stdout. Exit status 0 when the integrity check
 * passed (nothing lost, duplicated or reordered, no errors), 1 otherwise.
 */
@Command(name = "bench", description = "Load generator and benchmarks (one JSON result on stdout, progress on stderr).",
        subcommands = {BenchCommand.OneToOne.class, BenchCommand.Group.class, BenchCommand.Connections.class,
                BenchCommand.SignIns.class})
public final class BenchCommand implements Runnable {

    /** Where the server is: the jim-cli parent's {@code --http}/{@code --tcp}. */
    public interface Target {
        String httpUrl();

        String tcpAddress();
    }

    @ParentCommand
    private Target parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a scenario is required: one-to-one, group, connections, sign-ins");
    }

    /** Options every scenario takes. */
    static final class Common {
        @Option(names = "--server-pid", paramLabel = "PID", description = "The server's process id: report its RSS (same machine).")
        long serverPid;

        @Option(names = "--server-gc", description = "Run 'jcmd PID GC.run' on the server before reading its RSS.")
        boolean serverGc;

        @Option(names = "--source-addresses", paramLabel = "RANGE",
                description = "Bind client sockets to these local addresses, round robin, e.g. 127.0.0.2-127.0.0.40.")
        String sourceAddresses;

        @Option(names = "--setup-concurrency", defaultValue = "64", description = "Concurrent HTTP calls during setup (default ${DEFAULT-VALUE}).")
        int setupConcurrency;

        @Option(names = "--connect-concurrency", defaultValue = "256", description = "Concurrent TCP sign-ins (default ${DEFAULT-VALUE}).")
        int connectConcurrency;

        @Option(names = "--password", defaultValue = "bench-password-1", description = "Password of the benchmark accounts.")
        String password;

        @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
        boolean quiet;
    }

    /** Options of the messaging scenarios. */
    static final class Traffic {
        @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS", description = "Timed window (default ${DEFAULT-VALUE}).")
        double duration;

        @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
                description = "Untimed load before the window (default ${DEFAULT-VALUE}); its messages are checked too.")
        double warmup;

        @Option(names = "--rate", defaultValue = "max", paramLabel = "MSGS_PER_SEC|max",
                description = "Total sends per second, or max: every sender keeps --window sends in flight (default ${DEFAULT-VALUE}).")
        String rate;

        @Option(names = "--window", defaultValue = "4", description = "In-flight sends per sender at --rate max (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--drain", defaultValue = "15", paramLabel = "SECONDS",
                description = "Longest wait for acks, pushes and the final sync after the window (default ${DEFAULT-VALUE}).")
        double drain;

        @Option(names = "--padding", defaultValue = "0", paramLabel = "BYTES", description = "Extra bytes of text per message.")
        int padding;
    }

    BenchSettings settings(Common c) {
        BenchSettings s = new BenchSettings();
        s.httpUrl = parent.httpUrl();
        String tcp = parent.tcpAddress();
        int colon = tcp.lastIndexOf(':');
        if (colon <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tcp: expected HOST:PORT, got " + tcp);
        }
        s.tcpHost = tcp.substring(0, colon).replace("[", "").replace("]", "");
        s.tcpPort = Integer.parseInt(tcp.substring(colon + 1));
        s.serverPid = c.serverPid;
        s.serverGc = c.serverGc;
        if (c.sourceAddresses != null) {
            s.sourceAddresses = BenchSettings.parseAddresses(c.sourceAddresses);
        }
        s.setupConcurrency = c.setupConcurrency;
        s.connectConcurrency = c.connectConcurrency;
        s.password = c.password;
        s.progress = c.quiet ? null : System.err;
        URI.create(s.httpUrl);
        return s;
    }

    static void traffic(BenchSettings s, Traffic t) {
        s.durationSeconds = t.duration;
        s.warmupSeconds = t.warmup;
        s.rate = "max".equalsIgnoreCase(t.rate) ? 0 : Double.parseDouble(t.rate);
        s.window = Math.max(1, t.window);
        s.drainSeconds = t.drain;
        s.padding = t.padding;
    }

    /** Prints the result as one JSON line and answers the exit status. */
    static int print(Map<String, Object> result) {
        ObjectMapper json = JimClient.newObjectMapper();
        try {
            System.out.println(json.writeValueAsString(result));
            System.out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return passed(result) ? 0 : 1;
    }

    /** Whether a result shows nothing lost, duplicated or reordered and no errors. */
    public static boolean passed(Map<String, Object> result) {
        for (String key : new String[] {"lost", "duplicated", "reordered", "errors"}) {
            Object v = result.get(key);
            if (v instanceof Number n && n.longValue() != 0) {
                return false;
            }
        }
        return true;
    }

    @Command(name = "one-to-one", description = "Friend pairs, every device connected; every user's first device sends to its friend.")
    static final class OneToOne implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;
        @Mixin
        Common common;
        @Mixin
        Traffic traffic;

        @Option(names = "--users", defaultValue = "100", description = "Users, an even number (default ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--devices-per-user", defaultValue = "2", description = "Connected devices per user (default ${DEFAULT-VALUE}).")
        int devices;

        @Override
        public Integer call() {
            BenchSettings s = bench.settings(common);
            traffic(s, traffic);
            return print(MessageBench.oneToOne(s, users, devices));
        }
    }

    @Command(name = "group", description = "One group; its first --senders members send to it.")
    static final class Group implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;
        @Mixin
        Common common;
        @Mixin
        Traffic traffic;

        @Option(names = "--group-size", defaultValue = "500", description = "Members (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--senders", defaultValue = "10", description = "Sending members (default ${DEFAULT-VALUE}).")
        int senders;

        @Override
        public Integer call() {
            BenchSettings s = bench.settings(common);
            traffic(s, traffic);
            return print(MessageBench.group(s, size, senders));
        }
    }

    @Command(name = "connections", description = "Signed-in idle connections: sign-in rate, server memory per connection.")
    static final class Connections implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;
        @Mixin
        Common common;

        @Option(names = "--connections", defaultValue = "1000", description = "Connections (default ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--devices-per-user", defaultValue = "10", description = "Devices per benchmark user (default ${DEFAULT-VALUE}).")
        int devices;

        @Option(names = "--heartbeat", defaultValue = "60", paramLabel = "SECONDS", description = "Heartbeat interval (default ${DEFAULT-VALUE}).")
        double heartbeat;

        @Option(names = "--hold", defaultValue = "30", paramLabel = "SECONDS", description = "How long to hold them (default ${DEFAULT-VALUE}).")
        double hold;

        @Option(names = "--receive", description = "Sessions receive their inbox (one sync after each sign-in).")
        boolean receive;

        @Override
        public Integer call() {
            BenchSettings s = bench.settings(common);
            return print(ConnectionsBench.run(s, "connections", connections, devices, heartbeat, hold, receive));
        }
    }

    @Command(name = "sign-ins", description = "TCP sign-in rate: signs in --connections devices as fast as possible, then closes them.")
    static final class SignIns implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;
        @Mixin
        Common common;

        @Option(names = "--connections", defaultValue = "5000", description = "Sign-ins (default ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--devices-per-user", defaultValue = "10", description = "Devices per benchmark user (default ${DEFAULT-VALUE}).")
        int devices;

        @Option(names = "--receive", description = "Sessions receive their inbox (one sync after each sign-in).")
        boolean receive;

        @Override
        public Integer call() {
            BenchSettings s = bench.settings(common);
            return print(ConnectionsBench.run(s, "sign-ins", connections, devices, 60, 0, receive));
        }
    }
}
