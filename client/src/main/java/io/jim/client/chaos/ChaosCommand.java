package io.jim.client.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.client.JimClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jim-cli chaos}: starts jim itself (it has to kill it), runs a long send load through a proxy that drops
 * client connections at random, SIGKILLs and restarts jim, then verifies every device's inbox. One JSON result
 * on stdout; exit status 0 only with 0 lost, 0 duplicated, 0 reordered and every send acknowledged.
 * {@code scripts/chaos.sh} prepares a fresh MariaDB database and runs it.
 */
@Command(name = "chaos", description = "Reliability run: load + random client drops + jim SIGKILLs, then verify every inbox.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--server-jar", required = true, paramLabel = "JAR", description = "jim-server.jar to run (and kill).")
    Path serverJar;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "jim's JIM_DB_URL (a fresh database); without it an H2 file database in --data-dir.")
    String dbUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "JIM_DATA_DIR when no --db-url is given.")
    Path dataDir;

    @Option(names = "--server-log", defaultValue = "chaos-server.log", paramLabel = "FILE", description = "Where jim's output goes (default ${DEFAULT-VALUE}).")
    Path serverLog;

    @Option(names = "--server-jvm", defaultValue = "-Xmx1g", split = " ", paramLabel = "OPTS", description = "JVM options of jim (default ${DEFAULT-VALUE}).")
    List<String> serverJvm = new ArrayList<>();

    @Option(names = "--messages", defaultValue = "100000", description = "Sends in total (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--users", defaultValue = "20", description = "Users, each sending from one device (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--second-device-every", defaultValue = "4", description = "Every Nth user has a second, receive-only device (0: none; default ${DEFAULT-VALUE}).")
    int secondDeviceEvery;

    @Option(names = "--group-size", defaultValue = "5", description = "Users per group; every third send goes to the sender's group (default ${DEFAULT-VALUE}).")
    int groupSize;

    @Option(names = "--window", defaultValue = "16", description = "Sends in flight per sender (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--kills", defaultValue = "2", description = "SIGKILLs of jim, evenly spread over the run (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--drop-every-ms", defaultValue = "200", description = "Mean interval between client connection resets (default ${DEFAULT-VALUE}).")
    long dropEveryMillis;

    @Option(names = "--deadline-minutes", defaultValue = "60", description = "Give up waiting for outcomes after this long (default ${DEFAULT-VALUE}).")
    long deadlineMinutes;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException("--server-jar: no such file: " + serverJar);
        }
        Map<String, String> db = dbUrl != null ? Map.of("JIM_DB_URL", dbUrl)
                : Map.of("JIM_DATA_DIR", (dataDir != null ? dataDir : Files.createTempDirectory("jim-chaos")).toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ChaosRun.Settings settings = new ChaosRun.Settings(messages, users, secondDeviceEvery, groupSize, window, kills,
                Duration.ofMillis(dropEveryMillis), Duration.ofMinutes(deadlineMinutes));
        Map<String, Object> result;
        try (JimProcess jim = new JimProcess(java, serverJar.toAbsolutePath(), serverJvm, db, serverLog.toAbsolutePath())) {
            result = new ChaosRun(settings, jim, System.err).run();
        }
        ObjectMapper json = JimClient.newObjectMapper();
        System.out.println(json.writeValueAsString(result));
        return Boolean.TRUE.equals(result.get("ok")) ? 0 : 1;
    }
}
