package io.jim.bootstrap.e2e;

import io.jim.bootstrap.ConfigLoader;
import io.jim.bootstrap.JimConfig;
import io.jim.bootstrap.JimServer;
import java.util.HashMap;
import java.util.Map;

/** Starts the real server on random ports over a test database, with cheap password hashing. */
public final class TestServer {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private TestServer() {
    }

    public static JimConfig config(TestDatabase db, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("JIM_HTTP_PORT", "0");
        env.put("JIM_TCP_PORT", "0");
        env.put("JIM_BIND_ADDRESS", "127.0.0.1");
        env.put("JIM_DB_URL", db.url());
        env.put("JIM_PASSWORD_ITERATIONS", "1000");
        env.put("JIM_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("JIM_DB_POOL_SIZE", "8");
        env.putAll(overrides);
        return new ConfigLoader(env).load();
    }

    public static JimServer start(TestDatabase db) {
        return JimServer.start(config(db, Map.of()));
    }

    public static JimServer start(TestDatabase db, Map<String, String> overrides) {
        return JimServer.start(config(db, overrides));
    }
}
