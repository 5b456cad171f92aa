package io.jim.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.client.ContentType;
import io.jim.client.InboxMessage;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.SendAck;
import io.jim.client.SenderType;
import io.jim.client.SessionListener;
import io.jim.client.SessionState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code chat (--to ACCOUNT | --group GROUP_ID)}: an interactive conversation on the terminal. */
@Command(name = "chat", description = {
        "Chat interactively: lines typed are sent, arriving messages are printed with names.",
        "Messages of other conversations are printed too, marked with [their conversation].",
        "Leave with /quit or Ctrl-D."})
final class ChatCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Map<Integer, String> EVENTS = Map.of(
            100, "friend request", 101, "friend request accepted", 102, "friendship ended",
            110, "group updated", 111, "group dissolved", 120, "members added", 121, "member left",
            122, "member role changed");

    @ParentCommand
    private JimCli cli;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Conversation conversation;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ProfileStore store = cli.profiles();
        Profile profile = store.requireLoggedIn();
        JimClient api = cli.http().withToken(profile.token());
        Conversation.Target target = conversation.resolve(api);
        UserNames names = new UserNames(api);
        Output out = cli.out();

        JimSession session = cli.session(profile)
                .maxConnectFailures(3) // an unreachable server is reported at once; later drops are retried for ever
                .listener(new Printer(out, names, target, profile.userId()))
                .build();
        Thread onInterrupt = Thread.ofPlatform().unstarted(() -> finish(store, profile, session));
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        List<CompletableFuture<SendAck>> sent = new ArrayList<>();
        try {
            out.progress("connecting as " + profile.account() + " ...");
            try {
                session.start().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new CliException(JimCli.describe(e));
            } catch (TimeoutException e) {
                throw new CliException("cannot sign in within 60 s");
            }
            session.whenClosed().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    // Kicked (signed in elsewhere, logged out) or the server stayed away: stdin cannot be
                    // interrupted portably, so leave from here; the shutdown hook keeps the progress.
                    out.error(JimCli.describe(failure));
                    System.exit(1);
                }
            });
            out.progress("chatting with " + target.label() + "; type a line to send it, /quit or Ctrl-D to leave");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("/quit")) {
                if (line.isBlank()) {
                    continue;
                }
                CompletableFuture<SendAck> send = session.send(target.text(line));
                send.whenComplete((ack, failure) -> {
                    if (failure != null) {
                        out.progress("not sent: " + JimCli.describe(failure));
                    } else if (!ack.ok()) {
                        out.progress("not sent: " + (ack.message().isBlank() ? "code " + ack.code() : ack.message()));
                    }
                });
                sent.removeIf(CompletableFuture::isDone);
                sent.add(send);
            }
            try {
                // Give what was typed last a chance to be stored before leaving.
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException alreadyReported) {
                // Each failed send printed its own line.
            } catch (TimeoutException e) {
                throw new CliException("the last messages were not acknowledged within 10 s");
            }
            return 0;
        } finally {
            finish(store, profile, session);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook repeats what was just done.
            }
        }
    }

    private static void finish(ProfileStore store, Profile profile, JimSession session) {
        session.close();
        store.update(p -> p == null ? null
                : p.withProgress(profile.deviceId(), session.lastSequence(), session.nextSendSequence() - 1));
    }

    /** Prints arriving messages with names instead of ids; state changes go to stderr. */
    private static final class Printer implements SessionListener {
        private final Output out;
        private final UserNames names;
        private final Conversation.Target target;
        private final long me;
        private final ObjectMapper json = JimClient.newObjectMapper();

        Printer(Output out, UserNames names, Conversation.Target target, long me) {
            this.out = out;
            this.names = names;
            this.target = target;
            this.me = me;
        }

        @Override
        public void onMessage(InboxMessage m) {
            String time = TIME.format(Instant.ofEpochMilli(m.sendTime()));
            if (m.type() == ContentType.COMMAND) {
                out.result(time + " * " + event(m.content()));
                return;
            }
            String where = target.contains(m, me) ? "" : "[" + conversationOf(m) + "] ";
            out.result(time + " " + where + sender(m) + ": " + m.content());
        }

        @Override
        public void onStateChanged(SessionState state, Throwable cause) {
            if (state == SessionState.DISCONNECTED) {
                out.progress("(connection lost: " + (cause == null ? "?" : JimCli.describe(cause)) + "; reconnecting)");
            }
        }

        @Override
        public void onKick(int code, String message) {
            out.progress("(kicked by the server, code " + code + (message.isEmpty() ? "" : ": " + message) + ")");
        }

        private String sender(InboxMessage m) {
            return switch (m.senderType()) {
                case SenderType.USER -> m.senderId() == me ? "you" : names.name(m.senderId());
                case SenderType.BUSINESS -> "[service]";
                default -> "[system]";
            };
        }

        private String conversationOf(InboxMessage m) {
            if (m.receiverType() == io.jim.client.ReceiverType.GROUP) {
                return "group " + m.receiverId();
            }
            long other = m.senderId() == me ? m.receiverId() : m.senderId();
            return other == 0 ? "to you" : "with " + names.name(other);
        }

        private String event(String content) {
            try {
                JsonNode node = json.readTree(content);
                int code = node.path("code").asInt();
                return EVENTS.getOrDefault(code, "event " + code) + " " + node.path("data");
            } catch (IOException e) {
                return "event " + content;
            }
        }
    }
}
