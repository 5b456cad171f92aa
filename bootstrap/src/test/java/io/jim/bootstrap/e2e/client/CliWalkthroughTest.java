package io.jim.bootstrap.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.bootstrap.e2e.client.EachDatabase.Database;
import io.jim.client.JimClient;
import io.jim.client.cli.JimCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Try it from two terminals" walk-through, command for command, run in-process through the
 * {@code jim-cli} entry point against the real server on random ports (given with {@code --http} and
 * {@code --tcp}), with a temporary profile directory per user. "Terminal 2" is a thread running
 * {@code listen}; it is given {@code --count 3} (the two friend events and the text) so that it ends by itself.
 */
class CliWalkthroughTest {

    private static final ObjectMapper JSON = JimClient.newObjectMapper();

    /** What one command printed, and its exit status. */
    private record Run(List<String> args, int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() {
            List<String> lines = lines();
            assertThat(lines).as("stdout of %s", args).hasSize(1);
            return parse(lines.getFirst());
        }

        Run assertOk() {
            assertThat(exitCode).as("exit status of %s (stderr: %s)", args, err).isZero();
            return this;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void walkthroughShouldPrintTheSentTextInTheListeningTerminal(Database db, @TempDir Path tmp) {
        LiveServer server = db.server();
        List<String> global = List.of("--http", server.httpUrl(), "--tcp", "127.0.0.1:" + server.tcpPort());
        String alice = tmp.resolve("alice").toString();
        String bob = tmp.resolve("bob").toString();

        // terminal 1
        JsonNode aliceUser = jim(global, "register", "alice", "wonderland", "Alice").assertOk().json();
        assertThat(aliceUser.path("account").asText()).isEqualTo("alice");
        jim(global, "register", "bob", "builder123", "Bob").assertOk();
        assertThat(jim(global, "--profile", alice, "login", "alice", "wonderland").assertOk().json().path("user_id").asLong())
                .isEqualTo(aliceUser.path("user_id").asLong());
        jim(global, "--profile", bob, "login", "bob", "builder123").assertOk();
        JsonNode request = jim(global, "--profile", alice, "friend-request", "bob", "-m", "hi Bob").assertOk().json();
        List<String> pending = jim(global, "--profile", bob, "friend-requests").assertOk().lines();
        assertThat(pending).containsExactly(request.path("request_id").asLong() + "\talice\tAlice\thi Bob");
        String requestId = pending.getFirst().split("\t")[0];
        jim(global, "--profile", bob, "friend-accept", requestId).assertOk();

        // terminal 2
        CompletableFuture<Run> listening = CompletableFuture.supplyAsync(
                () -> jim(global, "--profile", bob, "listen", "--count", "3", "--timeout", "60"),
                task -> Thread.ofVirtual().name("terminal-2").start(task));

        // terminal 1
        JsonNode ack = jim(global, "--profile", alice, "send", "--to", "bob", "hello").assertOk().json();
        assertThat(ack.path("code").asInt()).isZero();

        Run listen = listening.orTimeout(70, TimeUnit.SECONDS).join().assertOk();
        List<JsonNode> printed = listen.lines().stream().map(CliWalkthroughTest::parse).toList();
        assertThat(printed).extracting(n -> n.path("type").asInt()).as("friend request, accepted, the text").containsExactly(7, 7, 1);
        JsonNode hello = printed.getLast();
        assertThat(hello.path("content").asText()).isEqualTo("hello");
        assertThat(hello.path("sender_id").asLong()).isEqualTo(aliceUser.path("user_id").asLong());
        assertThat(hello.path("message_id").asLong()).isEqualTo(ack.path("message_id").asLong());
        assertThat(hello.path("sync_sequence").asLong()).isEqualTo(3);
    }

    /** Runs one command line through the CLI's entry point, capturing what it prints. */
    private static Run jim(List<String> global, String... args) {
        List<String> all = new ArrayList<>(global);
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(newCli(outStream, errStream));
        commandLine.setOut(new PrintWriter(outStream, true));
        commandLine.setErr(new PrintWriter(errStream, true));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(all, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A {@link JimCli} that prints to the given streams. Its public constructor takes the process's
     * {@code System.out}/{@code System.err} at construction time, so they are swapped for just that moment.
     */
    private static synchronized JimCli newCli(PrintStream out, PrintStream err) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(out);
        System.setErr(err);
        try {
            return new JimCli();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
