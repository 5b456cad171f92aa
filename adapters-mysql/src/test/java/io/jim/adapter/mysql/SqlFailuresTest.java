package io.jim.adapter.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.UnavailableException;
import io.jim.domain.shared.DomainException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void aPoolTimeoutShouldBecomeUnavailable() {
        RuntimeException e = new DataAccessException("Error getting connection from data source",
                new SQLTransientConnectionException("jim-db - Connection is not available, request timed out after 250ms."));

        assertThat(SqlFailures.translate(e))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("storage unavailable: jim-db - Connection is not available, request timed out after 250ms.")
                .hasCause(e);
    }

    @Test
    void aLostConnectionADeadlockAndAConnectionSqlStateShouldBecomeUnavailable() {
        assertThat(SqlFailures.translate(new DataAccessException("x", new SQLRecoverableException("Communications link failure\n\nmore"))))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("storage unavailable: Communications link failure");
        assertThat(SqlFailures.translate(new DataAccessException("x", new SQLTransactionRollbackException("Deadlock found", "40001"))))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlFailures.translate(new DataAccessException("x", new SQLException("gone", "08S01"))))
                .isInstanceOf(UnavailableException.class);
        assertThat(SqlFailures.translate(new DataAccessException("x", new SQLException("refused", new ConnectException("refused")))))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void domainAndUnavailableExceptionsShouldPassUnchanged() {
        DomainException domain = DomainException.conflict("taken");
        UnavailableException unavailable = new UnavailableException("down", null);

        assertThat(SqlFailures.translate(domain)).isSameAs(domain);
        assertThat(SqlFailures.translate(unavailable)).isSameAs(unavailable);
    }

    @Test
    void bugsAndSchemaErrorsShouldPassUnchanged() {
        RuntimeException syntax = new DataAccessException("bad SQL", new SQLException("Syntax error", "42000"));
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(SqlFailures.translate(syntax)).isSameAs(syntax);
        assertThat(SqlFailures.translate(bug)).isSameAs(bug);
    }

    @Test
    void duplicateKeysShouldBeRecognisedByTypeOrSqlState() {
        assertThat(SqlFailures.isDuplicateKey(new DataAccessException("x", new SQLIntegrityConstraintViolationException("dup")))).isTrue();
        assertThat(SqlFailures.isDuplicateKey(new DataAccessException("x", new SQLException("Unique index", "23505")))).isTrue();
        assertThat(SqlFailures.isDuplicateKey(new DataAccessException("x", new SQLException("Syntax", "42000")))).isFalse();
    }

    @Test
    void urlsShouldBeRedacted() {
        assertThat(Storage.redact("jdbc:mysql://h/db?user=u&password=p4ss&x=1")).isEqualTo("jdbc:mysql://h/db?user=u&password=***&x=1");
        assertThat(Storage.redact("jdbc:h2:mem:x;PASSWORD=p")).isEqualTo("jdbc:h2:mem:x;PASSWORD=***");
    }

    @Test
    void theTestHelperShouldReplaceOnlyTheDatabaseOfAUrl() {
        assertThat(TestDatabase.withDatabase("jdbc:mysql://127.0.0.1:3306/jim_test?user=root", "other"))
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/other?user=root");
        assertThat(TestDatabase.withDatabase("jdbc:mysql://db:3306?user=root", "")).isEqualTo("jdbc:mysql://db:3306/?user=root");
        assertThat(TestDatabase.withDatabase("jdbc:mysql://db/x", "y")).isEqualTo("jdbc:mysql://db/y");
    }
}
