package io.jim.adapter.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.StorageHealth;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Configuration;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage adapter's entry point: opens the connection pool, migrates the schema with Flyway, picks
 * the jOOQ dialect from the server and hands out the implementations of the storage ports. Closing it
 * stops the id generators and closes the pools.
 *
 * <p>Two pools: the main one for the use cases, and a two-connection control pool for id-block
 * reservations and health probes, so that neither can be starved by a main pool full of busy
 * transactions (which might themselves be waiting for a message id).
 *
 * <p>The friend and group repositories answer the send path's authorization reads from memory
 * ({@link CachedFriendRepository}, {@link CachedGroupRepository}); they are exact because this process
 * is the only one writing friendships and memberships of its database.
 */
public final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private static final String MESSAGE_SEGMENT = "message";
    private static final int CONTROL_POOL_SIZE = 2;
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(2);

    private final StorageConfig config;
    private final StorageDialect dialect;
    private final HikariDataSource pool;
    private final HikariDataSource controlPool;
    private final DSLContext dsl;
    private final DSLContext controlDsl;
    private final JooqUnitOfWork unitOfWork;
    private final JooqUserRepository users;
    private final JooqDeviceRepository devices;
    private final CachedFriendRepository friends;
    private final CachedGroupRepository groups;
    private final JooqInboxSequenceAllocator sequences;
    private final JooqInboxRepository inbox;
    private final MessageStore messageStore;
    private final GroupCommitMessageStore groupCommit;
    /** Most MessageACKs written in one transaction. */
    private static final int ACK_BATCH = 1000;
    /** Group-commit transactions in flight at once: one runs its statements while another's COMMIT flushes. */
    static final int GROUP_COMMIT_WRITERS = 2;
    private final AckBatcher ackBatcher;
    private final JooqStorageHealth health;
    private final SegmentMessageIdGenerator messageIds;
    private final List<SegmentMessageIdGenerator> generators = new CopyOnWriteArrayList<>();

    private Storage(StorageConfig config, StorageDialect dialect, HikariDataSource pool, HikariDataSource controlPool,
                    Clock clock, UnaryOperator<Configuration> customize) {
        this.config = config;
        this.dialect = dialect;
        this.pool = pool;
        this.controlPool = controlPool;
        Settings settings = new Settings()
                .withExecuteLogging(false)
                // Connector/J may ask the server for warnings: a round trip the send path does not need.
                .withFetchWarnings(false)
                .withRenderSchema(false);
        this.dsl = DSL.using(customize.apply(new DefaultConfiguration()
                .set(pool).set(dialect.jooq()).set(settings)));
        this.controlDsl = DSL.using(controlPool, dialect.jooq(), settings);
        this.unitOfWork = new JooqUnitOfWork(dsl);
        this.users = new JooqUserRepository(unitOfWork, clock);
        this.ackBatcher = new AckBatcher(unitOfWork, ACK_BATCH);
        this.devices = new JooqDeviceRepository(unitOfWork, clock, ackBatcher);
        this.friends = new CachedFriendRepository(unitOfWork, new JooqFriendRepository(unitOfWork), System::nanoTime);
        this.groups = new CachedGroupRepository(unitOfWork, new JooqGroupRepository(unitOfWork), System::nanoTime);
        this.sequences = new JooqInboxSequenceAllocator(unitOfWork);
        InboxWriter writer = new InboxWriter(sequences);
        this.inbox = new JooqInboxRepository(unitOfWork, writer);
        JooqMessageStore store = new JooqMessageStore(unitOfWork, writer);
        this.groupCommit = config.groupCommitBatch() > 1
                ? new GroupCommitMessageStore(unitOfWork, store, config.groupCommitBatch(), GROUP_COMMIT_WRITERS)
                : null;
        this.messageStore = groupCommit != null ? groupCommit : store;
        this.health = new JooqStorageHealth(controlPool, CONTROL_TIMEOUT);
        this.messageIds = newMessageIdGenerator(config.idBlockSize());
    }

    /** Opens storage with the system clock; see {@link #open(StorageConfig, Clock)}. */
    public static Storage open(StorageConfig config) {
        return open(config, Clock.systemUTC());
    }

    /**
     * Connects, migrates and returns ready storage; {@code clock} stamps creation times of users and
     * devices.
     *
     * @throws StorageStartupException with a one-line message when the database cannot be reached or
     *     migrated
     */
    public static Storage open(StorageConfig config, Clock clock) {
        return open(config, clock, UnaryOperator.identity());
    }

    /** {@link #open(StorageConfig, Clock)} with a hook on the main pool's jOOQ configuration (tests count round trips). */
    static Storage open(StorageConfig config, Clock clock, UnaryOperator<Configuration> customize) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        String where = redact(config.jdbcUrl());
        HikariDataSource pool = null;
        HikariDataSource controlPool = null;
        try {
            pool = newPool(config, "jim-db", config.poolSize(), config.connectionTimeout());
            migrate(config, where);
            StorageDialect detected = detect(pool, where);
            StorageDialect dialect = config.dialect().orElse(detected);
            if (dialect != detected) {
                LOG.warn("database dialect overridden: detected {}, using {}", detected, dialect);
            }
            controlPool = newPool(config, "jim-db-control", CONTROL_POOL_SIZE, CONTROL_TIMEOUT);
            Storage storage = new Storage(config, dialect, pool, controlPool, clock, customize);
            LOG.info("storage open: url={} dialect={} pool={} groupCommit={}", where, dialect, config.poolSize(),
                    config.groupCommitBatch());
            return storage;
        } catch (RuntimeException e) {
            closeQuietly(controlPool);
            closeQuietly(pool);
            if (e instanceof StorageStartupException) {
                throw e;
            }
            throw new StorageStartupException("cannot open the database at " + where + ": " + SqlFailures.rootMessage(e), e);
        }
    }

    private static HikariDataSource newPool(StorageConfig config, String name, int size, Duration timeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.jdbcUrl());
        // An empty user is left unset so that credentials inside the URL (?user=…) still apply.
        hikari.setUsername(blankToNull(config.user()));
        hikari.setPassword(blankToNull(config.password()));
        // A fixed-size pool (HikariCP's advice): a burst of sends never waits for new connections.
        hikari.setMaximumPoolSize(size);
        hikari.setConnectionTimeout(timeout.toMillis());
        // Every unit of work is a transaction, so connections never need switching out of auto-commit
        // (which costs a round trip at each begin and another at each end on MySQL).
        hikari.setAutoCommit(false);
        // READ COMMITTED: no gap locks on inserts, and a read after a lock wait sees what the winner
        // committed (the retransmission check relies on that).
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Fail fast: one attempt, then a clear message instead of a pool that keeps trying.
        hikari.setInitializationFailTimeout(1);
        if (config.jdbcUrl().startsWith("jdbc:mysql:")) {
            hikari.addDataSourceProperty("connectTimeout", String.valueOf(timeout.toMillis()));
            hikari.addDataSourceProperty("characterEncoding", "UTF-8");
            hikari.addDataSourceProperty("useLocalSessionState", "true");
            // Connector/J parses every SQL string it prepares (client-side prepared statements); the send
            // path repeats the same few statements, so the parse is cached per connection. The multi-row
            // statements are a few KiB long, hence the SQL length limit.
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("prepStmtCacheSize", "512");
            hikari.addDataSourceProperty("prepStmtCacheSqlLimit", "65536");
        }
        return new HikariDataSource(hikari);
    }

    private static void migrate(StorageConfig config, String where) {
        try {
            // Flyway gets its own plain connections: it manages auto-commit itself, and the pools are
            // configured with auto-commit off.
            Flyway.configure()
                    .dataSource(config.jdbcUrl(), blankToNull(config.user()), blankToNull(config.password()))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StorageStartupException("cannot migrate the database at " + where + ": " + SqlFailures.rootMessage(e), e);
        }
    }

    private static StorageDialect detect(DataSource pool, String where) {
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return StorageDialect.detect(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new StorageStartupException("cannot read the database metadata at " + where + ": " + SqlFailures.rootMessage(e), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The URL with any password parameter blanked, fit for logs and messages. */
    static String redact(String jdbcUrl) {
        return jdbcUrl == null ? "" : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public StorageDialect dialect() {
        return dialect;
    }

    public StorageConfig config() {
        return config;
    }

    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    public UserRepository users() {
        return users;
    }

    public DeviceRepository devices() {
        return devices;
    }

    public FriendRepository friends() {
        return friends;
    }

    public GroupRepository groups() {
        return groups;
    }

    public InboxSequenceAllocator inboxSequences() {
        return sequences;
    }

    public InboxRepository inbox() {
        return inbox;
    }

    public MessageStore messageStore() {
        return messageStore;
    }

    /** The process's message-id generator (blocks of {@link StorageConfig#idBlockSize()}). */
    public MessageIdGenerator messageIds() {
        return messageIds;
    }

    public StorageHealth health() {
        return health;
    }

    /** Publishes both pools' metrics (connections active, idle, pending, timeouts, usage) to {@code meters}. */
    public void bindMetrics(MeterRegistry meters) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        controlPool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    }

    /**
     * A further, independent generator over the same id segment with its own block size (as another
     * process would have); closed with this storage.
     */
    public SegmentMessageIdGenerator newMessageIdGenerator(int blockSize) {
        SegmentMessageIdGenerator generator =
                new SegmentMessageIdGenerator(controlDsl, MESSAGE_SEGMENT, blockSize, config.connectionTimeout());
        generators.add(generator);
        return generator;
    }

    /** The main pool's context, for tests in this package. */
    DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        ackBatcher.close();
        generators.forEach(SegmentMessageIdGenerator::close);
        closeQuietly(controlPool);
        closeQuietly(pool);
        LOG.info("storage closed: url={}", redact(config.jdbcUrl()));
    }

    private static void closeQuietly(HikariDataSource ds) {
        if (ds != null) {
            ds.close();
        }
    }
}
