package io.jim.adapter.http;

import io.jim.adapter.http.support.Http;
import io.jim.adapter.http.support.JimUseCases;
import io.jim.application.fake.InMemoryJim;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server over the whole application on in-memory fakes ({@link InMemoryJim}), for route
 * tests through the real HTTP stack. One per test class; tests make their own users with
 * {@link #account(String)} so they do not see each other's data.
 */
final class JimServer implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final InMemoryJim jim;
    final ServerHarness harness;
    final Http http;

    JimServer() {
        this(new InMemoryJim(), Optional.of(ServerHarness.ADMIN_TOKEN));
    }

    JimServer(InMemoryJim jim, Optional<String> adminToken) {
        this.jim = jim;
        this.harness = new ServerHarness(JimUseCases.of(jim), jim.storageHealth(), adminToken);
        this.http = harness.http;
    }

    /** A unique account name starting with {@code prefix}. */
    static String account(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet();
    }

    /** Registers a fresh user and signs it in on a new device (through the use cases, not HTTP). */
    InMemoryJim.Session user(String prefix) {
        return jim.signUp(account(prefix));
    }

    @Override
    public void close() {
        harness.close();
    }
}
