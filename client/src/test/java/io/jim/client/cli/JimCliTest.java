package io.jim.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.client.FakeConnection;
import io.jim.client.FakeServer;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JimCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE_LOGIN = """
            {"user_id":1,"device_id":10,"token":"secret-token","sync_sequence":7,"device_sync_sequence":3,"send_sequence":41}""";

    @TempDir
    Path profileDir;

    private StubHttpServer http;
    private FakeServer tcp;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        http = new StubHttpServer();
        tcp = new FakeServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        http.close();
        tcp.close();
    }

    private int cli(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        // Global options after the command: they are inherited by every subcommand.
        all[args.length] = "--http";
        all[args.length + 1] = http.url();
        all[args.length + 2] = "--tcp";
        all[args.length + 3] = "127.0.0.1:" + tcp.port();
        all[args.length + 4] = "--profile";
        all[args.length + 5] = profileDir.toString();
        return JimCli.run(new Output(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)), all);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private void loggedIn() {
        http.on("POST", "/api/sessions", 201, ALICE_LOGIN);
        assertThat(cli("login", "Alice", "password1")).isZero();
        stdout.reset();
    }

    @Test
    void loginKeepsTheSessionInAPrivateProfileAndPrintsNoToken() throws Exception {
        http.on("POST", "/api/sessions", 201, ALICE_LOGIN);

        assertThat(cli("login", "Alice", "password1")).isZero();

        JsonNode printed = JSON.readTree(out());
        assertThat(printed.get("user_id").asLong()).isEqualTo(1);
        assertThat(printed.get("device_id").asLong()).isEqualTo(10);
        assertThat(out()).doesNotContain("secret-token").endsWith("\n").hasLineCount(1);
        Path file = profileDir.resolve("session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode profile = JSON.readTree(file.toFile());
        assertThat(profile.get("account").asText()).isEqualTo("alice");
        assertThat(profile.get("token").asText()).isEqualTo("secret-token");
        assertThat(profile.get("last_sequence").asLong()).isEqualTo(3);
        assertThat(profile.get("send_sequence").asLong()).isEqualTo(41);
        JsonNode body = JSON.readTree(http.requests().getFirst().body());
        assertThat(body.at("/device/type").asInt()).isEqualTo(6);
        assertThat(body.at("/device/device_id").isMissingNode()).isTrue();

        // Logging in again re-uses the kept device.
        assertThat(cli("login", "alice", "password1")).isZero();
        assertThat(JSON.readTree(http.requests().get(1).body()).at("/device/device_id").asLong()).isEqualTo(10);
    }

    @Test
    void serverErrorIsOneLineOnStderrWithExitCodeOne() {
        http.on("POST", "/api/users", 409, """
                {"code":8,"error":"CONFLICT","message":"account 'bob' already exists"}""");

        assertThat(cli("register", "bob", "password1", "Bob")).isEqualTo(1);

        assertThat(err()).isEqualTo("jim-cli: account 'bob' already exists\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void commandsThatNeedASessionSayHowToGetOne() {
        assertThat(cli("friends")).isEqualTo(1);
        assertThat(err()).startsWith("jim-cli: not logged in").contains("jim-cli login").hasLineCount(1);
    }

    @Test
    void friendRequestsPrintOneLinePerRequestBeginningWithItsId() {
        loggedIn();
        http.on("GET", "/api/friends/requests?direction=incoming", 200, """
                [{"request_id":55,"from_user_id":2,"to_user_id":1,"message":"hi\\nthere","status":"PENDING","created_at":1},
                 {"request_id":54,"from_user_id":3,"to_user_id":1,"message":null,"status":"PENDING","created_at":0}]""");
        http.on("GET", "/api/users/2", 200, """
                {"user_id":2,"account":"bob","nickname":"Bob","sex":0,"avatar_url":""}""");
        http.on("GET", "/api/users/3", 200, """
                {"user_id":3,"account":"carol","nickname":"Carol","sex":2,"avatar_url":""}""");

        assertThat(cli("friend-requests")).isZero();

        assertThat(out()).isEqualTo("55\tbob\tBob\thi there\n54\tcarol\tCarol\t\n");
        assertThat(http.requests()).allSatisfy(r -> {
            if (!r.uri().equals("/api/sessions")) {
                assertThat(r.authorization()).isEqualTo("Bearer secret-token");
            }
        });
    }

    @Test
    void friendRequestLooksTheAccountUp() throws Exception {
        loggedIn();
        http.on("GET", "/api/users?account=bob", 200, """
                [{"user_id":2,"account":"bob","nickname":"Bob","sex":0,"avatar_url":""}]""");
        http.on("POST", "/api/friends/requests", 201, """
                {"request_id":9,"from_user_id":1,"to_user_id":2,"message":"","status":"PENDING","created_at":5}""");

        assertThat(cli("friend-request", "bob")).isZero();

        assertThat(JSON.readTree(out()).get("request_id").asLong()).isEqualTo(9);
        assertThat(JSON.readTree(http.requests().getLast().body()).get("user_id").asLong()).isEqualTo(2);
    }

    @Test
    void sendSignsInSendsWithTheNextSequenceAndPrintsTheAck() throws Exception {
        loggedIn();
        http.on("GET", "/api/users?account=bob", 200, """
                [{"user_id":2,"account":"bob","nickname":"Bob","sex":0,"avatar_url":""}]""");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli("send", "--to", "bob", "hello", "bob"));

        FakeConnection conn = tcp.accept();
        SignIn signIn = conn.expectSignIn();
        assertThat(signIn.getToken()).isEqualTo("secret-token");
        conn.signInOk(3);
        MessageSend send = conn.expectSend(); // first frame after sign-in: a send-only session does not sync
        assertThat(send.getSendSequence()).isEqualTo(42);
        assertThat(send.getReceiverId()).isEqualTo(2);
        assertThat(send.getContent()).isEqualTo("hello bob");
        conn.sendAck(MessageSendACK.newBuilder().setSendSequence(42).setMessageId(700).setSyncSequence(8).setSendTime(99).build());
        conn.skipHeartbeats(false);
        conn.expectHeartbeat(); // the graceful close
        conn.heartbeatAck();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        JsonNode ack = JSON.readTree(out());
        assertThat(ack.get("send_sequence").asLong()).isEqualTo(42);
        assertThat(ack.get("code").asInt()).isZero();
        assertThat(ack.get("message_id").asLong()).isEqualTo(700);
        assertThat(ack.get("sync_sequence").asLong()).isEqualTo(8);
        JsonNode profile = JSON.readTree(profileDir.resolve("session.json").toFile());
        assertThat(profile.get("send_sequence").asLong()).isEqualTo(42);
        assertThat(profile.get("last_sequence").asLong()).isEqualTo(3); // the inbox was not read
    }

    @Test
    void refusedSendPrintsTheAckAndFailsWithTheServersMessage() throws Exception {
        loggedIn();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli("send", "--group", "77", "hi"));

        FakeConnection conn = tcp.acceptSignedIn(0);
        MessageSend send = conn.expectSend();
        assertThat(send.getReceiverType()).isEqualTo(2);
        conn.sendAck(MessageSendACK.newBuilder().setSendSequence(send.getSendSequence()).setCode(3)
                .setMessage("not a member of group 77").build());
        conn.close();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(JSON.readTree(out()).get("code").asInt()).isEqualTo(3);
        assertThat(err()).isEqualTo("jim-cli: not a member of group 77\n");
    }

    @Test
    void listenPrintsExactlyCountMessagesAcknowledgesThemAndKeepsTheSequence() throws Exception {
        loggedIn();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli("listen", "--count", "2", "--timeout", "20"));

        FakeConnection conn = tcp.acceptSignedIn(10);
        conn.expectAck(3);
        conn.expectSyncTrigger(3);
        conn.syncBatch(false, 4, 5, 6);
        conn.expectAck(5);
        conn.skipHeartbeats(false);
        conn.expectHeartbeat();
        conn.heartbeatAck();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        String[] lines = out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.properties()).extracting(java.util.Map.Entry::getKey).containsExactly(
                "message_id", "sync_sequence", "sender_id", "receiver_type", "receiver_id", "type", "content", "send_time");
        assertThat(first.get("sync_sequence").asLong()).isEqualTo(4);
        assertThat(first.get("content").asText()).isEqualTo("m4");
        assertThat(JSON.readTree(lines[1]).get("sync_sequence").asLong()).isEqualTo(5);
        assertThat(JSON.readTree(profileDir.resolve("session.json").toFile()).get("last_sequence").asLong()).isEqualTo(5);
    }

    @Test
    void listenEndsQuietlyAtTheTimeout() throws Exception {
        loggedIn();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli("listen", "--timeout", "1"));

        FakeConnection conn = tcp.acceptSignedIn(3);
        conn.expectAck(3);
        conn.expectSyncTrigger(3);
        conn.syncBatch(false);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(out()).isEmpty();
    }
}
