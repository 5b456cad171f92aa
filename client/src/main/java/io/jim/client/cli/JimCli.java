package io.jim.client.cli;

import io.jim.client.JimApiException;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.PublicUser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The {@code jim-cli} command line: account, friend and group commands over HTTP, sending and listening over TCP. */
@Command(name = "jim-cli", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "jim-cli " + JimCli.VERSION,
        description = "Command-line client of the jim IM server. Results go to stdout, errors and progress to stderr.",
        subcommands = {
                RegisterCommand.class, LoginCommand.class, LogoutCommand.class,
                FriendRequestCommand.class, FriendRequestsCommand.class, FriendAcceptCommand.class, FriendsCommand.class,
                GroupCreateCommand.class, GroupsCommand.class,
                SendCommand.class, ListenCommand.class, ChatCommand.class,
                io.jim.client.bench.BenchCommand.class,
                io.jim.client.chaos.ChaosCommand.class,
                CommandLine.HelpCommand.class})
public final class JimCli implements Runnable, io.jim.client.bench.BenchCommand.Target {

    static final String VERSION = "0.1.0";
    private static final String LOG_LEVEL_PROPERTY = "jim.cli.log.level";

    @Spec
    private CommandSpec spec;

    @Option(names = "--http", defaultValue = "http://127.0.0.1:8080", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The server's HTTP API (default: ${DEFAULT-VALUE}).")
    private String http;

    @Option(names = "--tcp", defaultValue = "127.0.0.1:50000", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "The server's TCP address (default: ${DEFAULT-VALUE}).")
    private String tcp;

    @Option(names = "--profile", defaultValue = "${sys:user.home}/.jim", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the session is kept (default: ${DEFAULT-VALUE}).")
    private Path profile;

    private boolean verbose;

    private final Output output;

    /** The command line printing to the process's stdout and stderr. */
    public JimCli() {
        this(new Output(System.out, System.err));
    }

    JimCli(Output output) {
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Before anything creates a logger: the CLI's logging setup lives under a name no library user picks up.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "jim-cli-logback.xml");
        }
        System.exit(run(new Output(System.out, System.err), args));
    }

    /** Runs one command line against {@code output} and answers the exit status (0 ok, 1 failure, 2 usage). */
    static int run(Output output, String... args) {
        JimCli cli = new JimCli(output);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            output.error(describe(e));
            if (cli.verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                output.progress(trace.toString().stripTrailing());
            }
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            output.error(e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log what the client does (to stderr).")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            // Read by jim-cli-logback.xml when logging starts, which is after option parsing.
            System.setProperty(LOG_LEVEL_PROPERTY, "DEBUG");
        }
    }

    // ---------------------------------------------------------------- shared by the commands

    @Override
    public String httpUrl() {
        return http;
    }

    @Override
    public String tcpAddress() {
        return tcp;
    }

    Output out() {
        return output;
    }

    ProfileStore profiles() {
        return new ProfileStore(profile);
    }

    JimClient http() {
        URI uri;
        try {
            uri = URI.create(http);
        } catch (IllegalArgumentException e) {
            throw new CliException("--http: not a URL: " + http);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new CliException("--http: not an http(s) URL: " + http);
        }
        return JimClient.create(uri, Duration.ofSeconds(30));
    }

    /** A session builder for the profile's device at the --tcp address. */
    JimSession.Builder session(Profile p) {
        int colon = tcp.lastIndexOf(':');
        if (colon <= 0 || colon == tcp.length() - 1) {
            throw new CliException("--tcp: expected HOST:PORT, got " + tcp);
        }
        String host = tcp.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // [::1]:50000
        }
        int port;
        try {
            port = Integer.parseInt(tcp.substring(colon + 1));
            return JimSession.builder(p.credentials())
                    .address(host, port)
                    .lastSequence(p.lastSequence())
                    .nextSendSequence(p.sendSequence() + 1)
                    .reconnectDelay(Duration.ofMillis(250), Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            throw new CliException("--tcp: bad port in " + tcp);
        }
    }

    /** The id of the user with {@code account}, or a one-line error. */
    static long userIdOf(JimClient api, String account) {
        return api.findUser(account).map(PublicUser::userId)
                .orElseThrow(() -> new CliException("no user with account '" + account + "'"));
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof JimApiException || t instanceof CliException || t instanceof UncheckedIOException
                || t instanceof io.jim.client.SessionClosedException) {
            return t.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
