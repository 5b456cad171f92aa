package io.jim.bootstrap;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code java -jar jim-server.jar [--config FILE]}: reads the configuration, starts jim and stops it
 * cleanly on SIGTERM. A bad setting or an unreachable database ends start-up with one line on stderr.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Guice's class generation uses sun.misc.Unsafe, which JDK 25 warns about; jim uses no AOP.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        JimConfig config;
        try {
            config = ConfigLoader.fromEnvironment(configFile(args), System.getenv()).load();
        } catch (ConfigException e) {
            System.err.println("jim: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.logFormat() == JimConfig.LogFormat.JSON) {
            // must happen before the first logger is created
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        JimServer server;
        try {
            server = JimServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("jim: cannot start: " + oneLine(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "jim-shutdown"));
    }

    private static Optional<Path> configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file name");
                }
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
            throw new ConfigException("unknown argument " + args[i] + " (the only option is --config FILE)");
        }
        return Optional.empty();
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
