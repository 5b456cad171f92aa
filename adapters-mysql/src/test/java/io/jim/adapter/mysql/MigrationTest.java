package io.jim.adapter.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Flyway migrates an empty database to the whole schema, once, on H2 and on MariaDB. */
class MigrationTest {

    private static final List<String> TABLES = List.of("users", "inbox_counters", "devices", "friend_requests",
            "friendships", "chat_groups", "group_members", "messages", "inbox", "id_segments");

    @Test
    void h2ShouldBeMigratedOnceToTheWholeSchema() throws Exception {
        StorageConfig config = TestDatabase.freshH2();
        try (Storage first = Storage.open(config)) {
            assertWholeSchema(first.dsl());
        }
        // The in-memory database outlives the pool; opening again must find nothing left to migrate.
        try (Storage again = Storage.open(config)) {
            assertWholeSchema(again.dsl());
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
    void mariaDbShouldBeMigratedOnceToTheWholeSchema() throws Exception {
        try (TestDatabase db = TestDatabase.mysql().open()) {
            assertWholeSchema(db.storage().dsl());
            try (Storage again = Storage.open(db.config())) {
                assertWholeSchema(again.dsl());
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
    void everyTextColumnOnMariaDbShouldBeUtf8mb4SoThatEmojiFit() throws Exception {
        try (TestDatabase db = TestDatabase.mysql().open()) {
            Result<Record> columns = db.storage().dsl().fetch(
                    "SELECT table_name, column_name, character_set_name FROM information_schema.columns"
                            + " WHERE table_schema = ? AND character_set_name IS NOT NULL AND table_name <> 'flyway_schema_history'",
                    db.databaseName());

            assertThat(columns).hasSizeGreaterThan(15);
            assertThat(columns).allSatisfy(c -> assertThat(c.get(2, String.class))
                    .as("%s.%s", c.get(0), c.get(1)).isEqualTo("utf8mb4"));
        }
    }

    private static void assertWholeSchema(DSLContext dsl) {
        dsl.transaction(tx -> {
            DSLContext ctx = tx.dsl();
            for (String table : TABLES) {
                assertThat(ctx.fetchCount(DSL.table(DSL.name(table)))).as(table).isGreaterThanOrEqualTo(0);
            }
            Result<Record> history = ctx.fetch("SELECT * FROM flyway_schema_history WHERE version IS NOT NULL");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("version", String.class)).isEqualTo("1");
            assertThat(history.get(0).get("success", Boolean.class)).isTrue();
            assertThat(ctx.fetchValue("SELECT next_id FROM id_segments WHERE name = 'message'")).asString().isNotBlank();
        });
    }
}
