package io.jim.client.cli;

import io.jim.client.InboxMessage;
import io.jim.client.JimSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** {@code listen [--count N] [--timeout SECONDS]}: prints inbox messages as JSON lines, from where the profile left off. */
@Command(name = "listen", description = {
        "Print inbox messages as JSON lines, from where the profile left off.",
        "Signs in, syncs and prints every inbox message after the profile's last sequence as one JSON line",
        "(message_id, sync_sequence, sender_id, receiver_type, receiver_id, type, content, send_time)",
        "until N messages were printed or the timeout passed (exit 0 on either) or Ctrl-C.",
        "What was printed is acknowledged and the last sequence is kept in the profile."})
final class ListenCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N messages.")
    private Integer count;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Exit after this long (default: never).")
    private Long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new CliException("--count must be at least 1");
        }
        if (timeoutSeconds != null && timeoutSeconds < 0) {
            throw new CliException("--timeout must not be negative");
        }
        ProfileStore store = cli.profiles();
        Profile profile = store.requireLoggedIn();
        Output out = cli.out();
        AtomicInteger printed = new AtomicInteger();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        AtomicReference<JimSession> self = new AtomicReference<>();
        JimSession session = cli.session(profile)
                .maxConnectFailures(3) // an unreachable server is reported at once; later drops are retried for ever
                .listener(message -> {
                    out.json(line(message));
                    if (count != null && printed.incrementAndGet() >= count) {
                        // Stops the hand-over at once, so exactly N are printed and acknowledged.
                        self.get().closeAsync();
                        enough.complete(null);
                    }
                })
                .build();
        self.set(session);
        Thread onInterrupt = Thread.ofPlatform().unstarted(() -> finish(store, profile, session));
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            session.start();
            CompletableFuture<Object> ended = CompletableFuture.anyOf(enough, session.whenClosed());
            if (timeoutSeconds == null) {
                ended.get();
            } else {
                ended.get(timeoutSeconds, TimeUnit.SECONDS);
            }
            return 0;
        } catch (TimeoutException e) {
            return 0;
        } catch (ExecutionException e) {
            throw new CliException(JimCli.describe(e));
        } finally {
            finish(store, profile, session);
            removeHook(onInterrupt);
        }
    }

    /** Closes (so that the server has the last ack) and keeps the progress; safe to run twice. */
    private static void finish(ProfileStore store, Profile profile, JimSession session) {
        session.close();
        store.update(p -> p == null ? null
                : p.withProgress(profile.deviceId(), session.lastSequence(), session.nextSendSequence() - 1));
    }

    static Map<String, Object> line(InboxMessage m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message_id", m.messageId());
        line.put("sync_sequence", m.syncSequence());
        line.put("sender_id", m.senderId());
        line.put("receiver_type", m.receiverType());
        line.put("receiver_id", m.receiverId());
        line.put("type", m.type());
        line.put("content", m.content());
        line.put("send_time", m.sendTime());
        return line;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it only repeats what was just done.
        }
    }
}
