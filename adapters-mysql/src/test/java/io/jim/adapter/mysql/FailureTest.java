package io.jim.adapter.mysql;

import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.UnavailableException;
import io.jim.domain.message.MessageId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** What callers see when the database is unreachable, slow or gone: one-line startup errors and UnavailableException. */
class FailureTest {

    @Test
    void anUnreachableDatabaseShouldFailStartupWithOneRedactedLine() {
        StorageConfig config = StorageConfig.of("jdbc:mysql://127.0.0.1:1/jim?user=root&password=s3cret", "", "")
                .withConnectionTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> Storage.open(config))
                .isInstanceOf(StorageStartupException.class)
                .hasMessageStartingWith("cannot open the database at jdbc:mysql://127.0.0.1:1/jim?user=root&password=***: ")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPoolThatCannotHandOutAConnectionInTimeShouldMakeCallsUnavailable() throws Exception {
        StorageConfig config = TestDatabase.freshH2().withPoolSize(1).withConnectionTimeout(Duration.ofMillis(250));
        try (Storage storage = Storage.open(config)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> storage.unitOfWork().run(() -> {
                storage.users().create(uniqueAccount("hold"), profile("Holder"), passwordHash());
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), command -> Thread.ofVirtual().start(command));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> storage.users().findById(UserId.of(1)))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageStartingWith("storage unavailable: ");

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(storage.users().findById(UserId.of(Long.MAX_VALUE))).isEmpty();
        }
    }

    @Test
    void aDomainExceptionFromARepositoryShouldPassThroughTheUnitOfWorkUnchanged() {
        try (Storage storage = Storage.open(TestDatabase.freshH2())) {
            var account = uniqueAccount("dup");
            storage.users().create(account, profile("One"), passwordHash());

            assertThatThrownBy(() -> storage.unitOfWork().run(() -> storage.users().create(account, profile("Two"), passwordHash())))
                    .isExactlyInstanceOf(DomainException.class);
        }
    }

    @Test
    void theIdGeneratorShouldGiveUpWithUnavailableDuringAnOutageAndRecoverAfterIt() throws Exception {
        StorageConfig config = TestDatabase.freshH2();
        try (Storage storage = Storage.open(config)) {
            SwitchableDataSource db = new SwitchableDataSource(config.jdbcUrl());
            db.down();
            try (SegmentMessageIdGenerator impatient = generator(db, Duration.ofMillis(200));
                 SegmentMessageIdGenerator patient = generator(db, Duration.ofSeconds(60))) {

                assertThatThrownBy(impatient::next)
                        .isInstanceOf(UnavailableException.class)
                        .hasMessageContaining("no message id block could be reserved");

                CompletableFuture<MessageId> waiting = CompletableFuture.supplyAsync(patient::next,
                        command -> Thread.ofVirtual().start(command));
                // Let it fail a few times (backing off), then end the outage.
                assertThat(db.failedAttempts.tryAcquire(4, 30, TimeUnit.SECONDS)).isTrue();
                assertThat(waiting).isNotDone();
                db.up();

                assertThat(waiting.get(30, TimeUnit.SECONDS).value()).isPositive();
                assertThat(impatient.next().value()).isPositive();
            }
        }
    }

    private static SegmentMessageIdGenerator generator(DataSource db, Duration maxWait) {
        return new SegmentMessageIdGenerator(DSL.using(db, SQLDialect.H2), "message", 10, maxWait);
    }

    @Test
    void healthShouldBeUpWhileTheDatabaseAnswersAndDownOnceItIsClosed() {
        Storage storage = Storage.open(TestDatabase.freshH2());
        assertThat(storage.health().isUp()).isTrue();

        storage.close();

        assertThat(storage.health().isUp()).isFalse();
    }

    @Test
    void healthShouldAnswerDownWithinItsTimeoutWhenTheDatabaseHangs() {
        CountDownLatch never = new CountDownLatch(1);
        DataSource hanging = new SwitchableDataSource("jdbc:h2:mem:unused") {
            @Override
            public Connection getConnection() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("unreachable");
            }
        };
        try {
            assertThat(new JooqStorageHealth(hanging, Duration.ofMillis(200)).isUp()).isFalse();
        } finally {
            never.countDown();
        }
    }
}
