package io.jim.adapter.mysql;

import io.jim.application.port.out.StorageHealth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@link StorageHealth} by {@code SELECT 1} on the control pool, bounded by a timeout: the probe runs
 * on a virtual thread and the caller waits at most {@code timeout}, whatever the driver does (a dead
 * host may not answer a TCP packet at all). Concurrent callers share one probe in flight.
 */
final class JooqStorageHealth implements StorageHealth {

    private final DataSource dataSource;
    private final Duration timeout;
    private final Object probeLock = new Object();
    private CompletableFuture<Boolean> inFlight;

    JooqStorageHealth(DataSource dataSource, Duration timeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public boolean isUp() {
        CompletableFuture<Boolean> probe;
        synchronized (probeLock) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = new CompletableFuture<>();
                CompletableFuture<Boolean> started = inFlight;
                Thread.ofVirtual().name("jim-db-health").start(() -> started.complete(probe()));
            }
            probe = inFlight;
        }
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private boolean probe() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                boolean up = rs.next() && rs.getInt(1) == 1;
                connection.rollback();
                return up;
            }
        } catch (Exception e) {
            return false;
        }
    }
}
