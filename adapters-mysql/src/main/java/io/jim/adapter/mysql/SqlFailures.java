package io.jim.adapter.mysql;

import io.jim.application.port.out.UnavailableException;
import io.jim.domain.shared.DomainException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;

/** Classifies driver and pool failures: which ones mean "storage unavailable, retry" and which a duplicate key. */
final class SqlFailures {

    private static final int MAX_DEPTH = 32;

    private SqlFailures() {
    }

    /**
     * Domain and unavailable exceptions pass unchanged; a connection failure, a timeout (including the
     * pool's) or a deadlock becomes an {@link UnavailableException} (safe to retry); anything else is a
     * bug or a broken schema and passes unchanged to be reported as an internal error.
     */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof DomainException || e instanceof UnavailableException) {
            return e;
        }
        if (isUnavailable(e)) {
            return new UnavailableException("storage unavailable: " + rootMessage(e), e);
        }
        return e;
    }

    static boolean isUnavailable(Throwable t) {
        return anyCause(t, c -> {
            // SQLTransientException covers the pool's connection timeout (SQLTransientConnectionException),
            // query timeouts and deadlock/lock-wait rollbacks; SQLRecoverableException covers Connector/J's
            // CommunicationsException ("Communications link failure").
            if (c instanceof SQLTransientException
                    || c instanceof SQLRecoverableException
                    || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                return state.startsWith("08") || state.startsWith("40") || state.equals("HYT00");
            }
            return c instanceof java.net.ConnectException || c instanceof java.net.SocketTimeoutException;
        });
    }

    /** Whether a unique or primary key rejected the statement. */
    static boolean isDuplicateKey(Throwable t) {
        return anyCause(t, c -> c instanceof SQLIntegrityConstraintViolationException
                || (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")));
    }

    /** The first line of the innermost cause's message: driver messages are often several lines long. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null && seen.size() < MAX_DEPTH) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static boolean anyCause(Throwable t, java.util.function.Predicate<Throwable> test) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null && seen.size() <= MAX_DEPTH; c = c.getCause()) {
            if (test.test(c)) {
                return true;
            }
        }
        return false;
    }
}
