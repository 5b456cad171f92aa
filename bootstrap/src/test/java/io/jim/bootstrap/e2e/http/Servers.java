package io.jim.bootstrap.e2e.http;

import io.jim.bootstrap.e2e.TestDatabase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The source of {@link OnEachDatabase}: one {@link RunningServer} per database kind and per distinct
 * {@link ServerSettings}, shared by every test class of the run (a start costs seconds) and stopped
 * when the run ends (the registry lives in JUnit's root store, which closes it). Tests make their own
 * fresh users, so sharing a server never couples them.
 */
final class Servers implements ArgumentsProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Servers.class);

    /**
     * Settings of every server here: the request-rate limits off (0), because these tests sign in
     * hundreds of users from 127.0.0.1 within seconds to check the API's rules, not its throttling
     * (which has tests of its own). Keys a server version does not know are ignored by its loader.
     */
    static final Map<String, String> BASE = Map.of(
            "JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP", "0",
            "JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN", "0",
            "JIM_MAX_SENDS_PER_SECOND_PER_USER", "0");

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        Registry registry = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Registry.class, k -> new Registry(), Registry.class);
        Map<String, String> settings = settingsOf(context.getRequiredTestClass());
        return Arrays.stream(TestDatabase.Kind.values()).map(kind -> Arguments.of(registry.server(kind, settings)));
    }

    private static Map<String, String> settingsOf(Class<?> testClass) {
        Map<String, String> out = new TreeMap<>(BASE);
        ServerSettings s = testClass.getAnnotation(ServerSettings.class);
        if (s != null) {
            for (String entry : s.value()) {
                int eq = entry.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("@ServerSettings entries look like KEY=value: " + entry);
                }
                out.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return out;
    }

    /** The servers of the run, by database kind and settings; closed by JUnit at the end of the run. */
    static final class Registry implements AutoCloseable {

        private final Map<String, RunningServer> servers = new LinkedHashMap<>();

        synchronized RunningServer server(TestDatabase.Kind kind, Map<String, String> settings) {
            return servers.computeIfAbsent(kind + " " + settings, k -> new RunningServer(kind, settings));
        }

        @Override
        public synchronized void close() {
            servers.values().forEach(RunningServer::close);
            servers.clear();
        }
    }
}
