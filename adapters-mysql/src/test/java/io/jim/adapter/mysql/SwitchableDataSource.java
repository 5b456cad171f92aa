package io.jim.adapter.mysql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A data source over an H2 database that can be switched "down" (every connection attempt fails the
 * way a pool timeout does) and back "up": a database outage without stopping a database. Each failed
 * attempt releases a permit so a test can wait for the client to have tried.
 */
class SwitchableDataSource implements DataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private volatile boolean down;
    final Semaphore failedAttempts = new Semaphore(0);

    SwitchableDataSource(String url) {
        h2.setURL(url);
        h2.setUser("sa");
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            failedAttempts.release();
            throw new SQLTransientConnectionException("simulated outage: connection is not available");
        }
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
