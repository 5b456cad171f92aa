package io.jim.bootstrap.e2e.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.e2e.TestDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs a parameterised test once per {@link TestDatabase.Kind}: the argument is a {@link Database} whose
 * {@link Database#server()} starts (once per run and kind, closed when the run ends) the real server on that
 * database. The MySQL run is reported skipped when {@code JIM_TEST_MYSQL_URL} is not set.
 */
final class EachDatabase implements ArgumentsProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EachDatabase.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return Arrays.stream(TestDatabase.Kind.values()).map(kind -> Arguments.of(new Database(kind, store)));
    }

    /** One database kind of a parameterised run. */
    static final class Database {
        private final TestDatabase.Kind kind;
        private final ExtensionContext.Store store;

        Database(TestDatabase.Kind kind, ExtensionContext.Store store) {
            this.kind = kind;
            this.store = store;
        }

        /** The shared server on this kind of database (skips the test when MySQL is not configured). */
        LiveServer server() {
            assumeTrue(kind == TestDatabase.Kind.H2 || TestDatabase.mysqlUrl().isPresent(),
                    "JIM_TEST_MYSQL_URL is not set: MySQL run skipped");
            return store.getOrComputeIfAbsent(kind, LiveServer::start, LiveServer.class);
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }
}
