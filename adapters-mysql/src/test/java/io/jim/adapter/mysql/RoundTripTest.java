package io.jim.adapter.mysql;

import static io.jim.application.contract.ContractSupport.T0;
import static io.jim.application.contract.ContractSupport.deviceInfo;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.port.out.MessageStore.StoreRequest;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Counts the statements and commits of the send path, so that the numbers documented in
 * {@link JooqMessageStore} and docs/SEND-PATH.md stay true.
 */
class RoundTripTest {

    @Test
    void onH2() throws Exception {
        check(TestDatabase.h2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
    void onMariaDb() throws Exception {
        check(TestDatabase.mysql());
    }

    @Test
    void batchOnH2() throws Exception {
        checkBatch(TestDatabase.h2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.MYSQL_URL_ENV, matches = ".+", disabledReason = TestDatabase.MYSQL_SKIPPED)
    void batchOnMariaDb() throws Exception {
        checkBatch(TestDatabase.mysql());
    }

    /** A group-commit batch of K numbered 1:1 sends from K devices: the statements do not grow with K. */
    private static void checkBatch(TestDatabase database) throws Exception {
        StatementCounter counter = new StatementCounter();
        try (TestDatabase db = database.open(counter::install)) {
            Storage storage = db.storage();
            JooqUnitOfWork uow = (JooqUnitOfWork) storage.unitOfWork();
            JooqMessageStore store = new JooqMessageStore(uow, new InboxWriter(new JooqInboxSequenceAllocator(uow)));
            UserId b = storage.users().create(uniqueAccount("rt"), profile("B"), passwordHash()).id();
            List<Sender> senders = storage.unitOfWork().inTransaction(() -> IntStream.range(0, 32).mapToObj(i -> {
                UserId a = storage.users().create(uniqueAccount("rt"), profile("A"), passwordHash()).id();
                return Sender.user(a, storage.devices().create(a, deviceInfo()).id());
            }).toList());

            for (int k : new int[] {2, 32}) {
                List<StoreRequest> batch = senders.subList(0, k).stream().map(s -> new StoreRequest(
                        new Message(storage.messageIds().next(), s, new Receiver.User(b), MessageType.TEXT, "hi", List.of(), T0),
                        List.of(s.userId(), b), s.deviceId(), SendSequence.of(k))).toList();
                counter.reset();

                List<Outcome> outcomes = uow.withDsl(ctx -> store.storeAll(ctx, batch));

                assertThat(outcomes).hasSize(k).allMatch(Outcome.Stored.class::isInstance);

                // devices SELECT … FOR UPDATE, devices UPDATE (CASE), counters UPDATE, counters SELECT, message INSERT,
                // inbox INSERT; then COMMIT: the same for 2 and for 32 sends (it was one devices UPDATE per send)
                assertThat(counter.statements).as("batch of %d numbered sends", k).hasSize(6);
                assertThat(counter.statements.get(0)).as("the lock of the batch's devices").containsIgnoringCase("devices")
                        .containsIgnoringCase("for update");
                assertThat(counter.statements.get(1)).as("the claims of the batch").startsWithIgnoringCase("update")
                        .containsIgnoringCase("devices");
                assertThat(counter.commits).hasValue(1);
            }

            List<StoreRequest> resent = senders.subList(0, 2).stream().map(s -> new StoreRequest(
                    new Message(storage.messageIds().next(), s, new Receiver.User(b), MessageType.TEXT, "hi", List.of(), T0),
                    List.of(s.userId(), b), s.deviceId(), SendSequence.of(2))).toList();
            counter.reset();

            List<Outcome> outcomes = uow.withDsl(ctx -> store.storeAll(ctx, resent));

            assertThat(outcomes).hasSize(2).allMatch(Outcome.Duplicate.class::isInstance);

            // devices SELECT … FOR UPDATE, one receipt SELECT per retransmission, no UPDATE, nothing written; then COMMIT
            assertThat(counter.statements).as("batch of 2 retransmissions").hasSize(3);
            assertThat(counter.commits).hasValue(1);
        }
    }

    private static void check(TestDatabase database) throws Exception {
        StatementCounter counter = new StatementCounter();
        try (TestDatabase db = database.open(counter::install)) {
            Storage storage = db.storage();
            UserId a = storage.users().create(uniqueAccount("rt"), profile("A"), passwordHash()).id();
            UserId b = storage.users().create(uniqueAccount("rt"), profile("B"), passwordHash()).id();
            DeviceId device = storage.devices().create(a, deviceInfo()).id();
            List<UserId> group = storage.unitOfWork().inTransaction(() -> IntStream.range(0, 599)
                    .mapToObj(i -> storage.users().create(uniqueAccount("rt"), profile("M"), passwordHash()).id()).toList());
            List<UserId> members = new ArrayList<>(group);
            members.add(a);

            counter.reset();
            Message direct = new Message(storage.messageIds().next(), Sender.user(a, device), new Receiver.User(b),
                    MessageType.TEXT, "hi", List.of(), T0);
            assertThat(storage.messageStore().store(new StoreRequest(direct, List.of(a, b), device, SendSequence.of(1))))
                    .isInstanceOf(Outcome.Stored.class);
            // device claim, counters UPDATE, counters SELECT, message INSERT, inbox INSERT; then COMMIT
            assertThat(counter.statements).as("1:1 send").hasSize(5);
            assertThat(counter.commits).hasValue(1);

            counter.reset();
            Message toGroup = new Message(storage.messageIds().next(), Sender.user(a, device), new Receiver.Group(GroupId.of(1)),
                    MessageType.TEXT, "all", List.of(), T0);
            assertThat(storage.messageStore().store(new StoreRequest(toGroup, members, device, SendSequence.of(2))))
                    .isInstanceOf(Outcome.Stored.class);
            // 600 members: the same, with the inbox rows in two INSERTs of up to 500
            assertThat(counter.statements).as("group send to 600").hasSize(6);
            assertThat(counter.commits).hasValue(1);

            counter.reset();
            assertThat(storage.messageStore().store(new StoreRequest(direct, List.of(a, b), device, SendSequence.of(1))))
                    .isInstanceOf(Outcome.Duplicate.class);
            // device claim (0 rows), receipt SELECT; then COMMIT
            assertThat(counter.statements).as("retransmission").hasSize(2);
            assertThat(counter.commits).hasValue(1);
        }
    }
}
