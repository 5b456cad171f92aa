package io.jim.bootstrap.e2e.tcp;

import io.jim.bootstrap.e2e.TestDatabase;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The concurrent-sender contract against a server with default storage settings (one transaction per send). */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.Kind.class)
class ConcurrentSendersTcpTest extends ConcurrentSendersContract {

    private static Jim jim;

    /** The database of this run (the class runs once per kind, with its own server). */
    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase.Kind kind) {
        jim = Jim.start(kind, Map.of());
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        if (jim != null) {
            jim.close();
            jim = null;
        }
    }

    @Override
    Jim jim() {
        return jim;
    }
}
