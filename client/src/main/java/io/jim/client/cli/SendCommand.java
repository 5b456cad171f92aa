package io.jim.client.cli;

import io.jim.client.ContentType;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.SendAck;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code send (--to ACCOUNT | --group GROUP_ID) TEXT}: sends one message over TCP and prints the ack. */
@Command(name = "send", description = {
        "Send one message over TCP and print the server's ack as one JSON line.",
        "Signs in, sends with the profile's next send_sequence and waits for the MessageSendACK.",
        "Exits 1 if the server refuses the message. Does not read the inbox (use listen for that)."})
final class SendCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Conversation conversation;

    @Option(names = "--type", defaultValue = "" + ContentType.TEXT, paramLabel = "N",
            description = "Content type: 1 text (default), 2 face, 3 voice, 4 image, 5 file, 6 location, 8 custom, 1000+ application.")
    private int type;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The content; several words are joined with spaces.")
    private List<String> words;

    @Override
    public Integer call() throws InterruptedException {
        ProfileStore store = cli.profiles();
        Profile profile = store.requireLoggedIn();
        JimClient api = cli.http().withToken(profile.token());
        Conversation.Target target = conversation.resolve(api);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);

        JimSession session = cli.session(profile)
                // Send-only: the inbox stays unread and unacknowledged for listen/chat.
                .receiveMessages(false)
                .maxConnectFailures(3)
                .ackTimeout(Duration.ofSeconds(Math.max(1, Math.min(5, timeoutSeconds / 2))))
                .build();
        try {
            session.start().get(remaining(deadline), TimeUnit.NANOSECONDS);
            SendAck ack = session.send(target.message(type, String.join(" ", words))).get(remaining(deadline), TimeUnit.NANOSECONDS);
            cli.out().json(ack);
            if (!ack.ok()) {
                throw new CliException(ack.message().isBlank() ? "refused with code " + ack.code() : ack.message());
            }
            return 0;
        } catch (TimeoutException e) {
            throw new CliException("no answer from the server within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            throw new CliException(JimCli.describe(e));
        } finally {
            session.close();
            // The number is used up even without an ack: the server may have stored it.
            long used = session.nextSendSequence() - 1;
            store.update(p -> p == null ? null : p.withProgress(profile.deviceId(), 0, used));
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
