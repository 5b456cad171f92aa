package io.jim.adapter.mysql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;

/**
 * Counts what reaches the JDBC driver on the main pool's connections: every statement prepared or created
 * (jOOQ prepares one per execution, and so does {@link RenderedSql}) and every commit. Counting at the
 * connection, not with a jOOQ listener, also sees the statements run as plain JDBC. Install it with
 * {@code TestDatabase.open(counter::install)}.
 */
final class StatementCounter {

    final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger commits = new AtomicInteger();

    /** Wraps the configuration's connection provider so that its connections report here. */
    Configuration install(Configuration configuration) {
        ConnectionProvider inner = configuration.connectionProvider();
        return configuration.set(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return counting(inner.acquire());
            }

            @Override
            public void release(Connection connection) {
                inner.release(connection);
            }
        });
    }

    void reset() {
        statements.clear();
        commits.set(0);
    }

    private Connection counting(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement", "prepareCall" -> statements.add((String) args[0]);
                        case "createStatement" -> statements.add("(statement)");
                        case "commit" -> commits.incrementAndGet();
                        default -> { }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
