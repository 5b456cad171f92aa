package io.jim.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jim.adapter.http.HttpServer;
import io.jim.adapter.mysql.Storage;
import io.jim.adapter.mysql.StorageConfig;
import io.jim.adapter.mysql.StorageDialect;
import io.jim.adapter.tcp.TcpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running jim: storage opened (pool + migrations), one Guice injector, HTTP then TCP started. Closing
 * stops TCP first (Kick{23} to every client), then HTTP, then closes the pool.
 */
public final class JimServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JimServer.class);

    private final Storage storage;
    private final Injector injector;
    private final HttpServer http;
    private final TcpServer tcp;
    private final JvmGcMetrics gcMetrics;
    private boolean closed;

    private JimServer(Storage storage, Injector injector, JvmGcMetrics gcMetrics) {
        this.storage = storage;
        this.injector = injector;
        this.gcMetrics = gcMetrics;
        this.http = injector.getInstance(HttpServer.class);
        this.tcp = injector.getInstance(TcpServer.class);
    }

    /** Opens the database, wires everything and starts both listeners. */
    public static JimServer start(JimConfig config) {
        Objects.requireNonNull(config, "config");
        Storage storage = Storage.open(storageConfig(config));
        try {
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new ClassLoaderMetrics().bindTo(meters);
            new JvmMemoryMetrics().bindTo(meters);
            new JvmThreadMetrics().bindTo(meters);
            new ProcessorMetrics().bindTo(meters);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(meters);
            storage.bindMetrics(meters);
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    binder -> binder.requireExplicitBindings(),
                    new ConfigModule(config, meters),
                    new StorageModule(storage),
                    new ApplicationModule(),
                    new TcpModule(),
                    new HttpModule());
            JimServer server = new JimServer(storage, injector, gc);
            server.http.start();
            server.tcp.start();
            LOG.info("jim is up: HTTP port {}, TCP port {}, database {}", server.httpPort(), server.tcpPort(), storage.dialect());
            return server;
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    static StorageConfig storageConfig(JimConfig config) {
        StorageConfig base = config.dbUrl()
                .map(url -> StorageConfig.of(url, config.dbUser().orElse(""), config.dbPassword().orElse("")))
                .orElseGet(() -> StorageConfig.h2File(config.dataDir()))
                .withPoolSize(config.dbPoolSize())
                .withGroupCommit(config.dbGroupCommit());
        return config.dbDialect().map(d -> base.withDialect(StorageDialect.valueOf(d))).orElse(base);
    }

    public int httpPort() {
        return http.port();
    }

    public int tcpPort() {
        return tcp.port();
    }

    public Injector injector() {
        return injector;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("jim is stopping");
        try {
            tcp.stop();
        } finally {
            try {
                http.stop();
            } finally {
                gcMetrics.close();
                storage.close();
            }
        }
        LOG.info("jim stopped");
    }

    /** For tests of configuration: how long a start may take is not asserted anywhere. */
    static Duration startupBudget() {
        return Duration.ofSeconds(10);
    }
}
