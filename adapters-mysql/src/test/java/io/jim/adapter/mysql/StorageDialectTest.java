package io.jim.adapter.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.contract.ContractSupport;
import io.jim.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class StorageDialectTest {

    @Test
    void h2ShouldBeRecognisedByItsProductName() {
        assertThat(StorageDialect.detect("H2", "2.5.252 (2025-10-03)")).isEqualTo(StorageDialect.H2);
    }

    @Test
    void mariaDbShouldBeRecognisedByItsVersionEvenWhenItCallsItselfMySql() {
        // What Connector/J reports for MariaDB: the product name says MySQL, the version says MariaDB.
        assertThat(StorageDialect.detect("MySQL", "10.11.19-MariaDB-0+deb12u1")).isEqualTo(StorageDialect.MARIADB);
        assertThat(StorageDialect.detect("MariaDB", "11.4.2")).isEqualTo(StorageDialect.MARIADB);
    }

    @Test
    void anythingElseShouldBeMySql() {
        assertThat(StorageDialect.detect("MySQL", "8.0.36")).isEqualTo(StorageDialect.MYSQL);
        assertThat(StorageDialect.detect(null, null)).isEqualTo(StorageDialect.MYSQL);
    }

    @Test
    void anOverrideShouldParseInAnyCaseAndRejectUnknownNames() {
        assertThat(StorageDialect.parse("mariadb")).isEqualTo(StorageDialect.MARIADB);
        assertThat(StorageDialect.parse(" H2 ")).isEqualTo(StorageDialect.H2);
        assertThat(StorageDialect.parse("MySQL")).isEqualTo(StorageDialect.MYSQL);
        assertThatThrownBy(() -> StorageDialect.parse("oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oracle");
    }

    @Test
    void anEmbeddedH2ShouldBeDetectedAsH2() {
        try (Storage storage = Storage.open(TestDatabase.freshH2())) {
            assertThat(storage.dialect()).isEqualTo(StorageDialect.H2);
        }
    }

    @Test
    void aConfiguredDialectShouldWinOverDetection() {
        // MARIADB rendering also runs on H2 in MySQL mode (jim never uses RETURNING), so the override can
        // be exercised end to end without a MariaDB server.
        try (Storage storage = Storage.open(TestDatabase.freshH2().withDialect(StorageDialect.MARIADB))) {
            assertThat(storage.dialect()).isEqualTo(StorageDialect.MARIADB);
            User user = storage.users().create(ContractSupport.uniqueAccount("dialect"), ContractSupport.profile("D"),
                    ContractSupport.passwordHash());
            assertThat(storage.users().findById(user.id())).contains(user);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
    void theTestServerShouldBeDetectedAsMariaDb() throws Exception {
        try (TestDatabase db = TestDatabase.mysql().open()) {
            assertThat(db.storage().dialect()).isEqualTo(StorageDialect.MARIADB);
        }
    }
}
