package io.jim.adapter.mysql;

import static io.jim.application.contract.ContractSupport.T0;
import static io.jim.application.contract.ContractSupport.deviceInfo;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.port.out.MessageStore.StoreRequest;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several sends in one transaction: per-request outcomes, arrival order, and all-or-nothing batches. */
class GroupCommitTest {

    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final AtomicInteger commits = new AtomicInteger();
    private TestDatabase db;
    private JooqUnitOfWork uow;
    private JooqMessageStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2().open(c -> c.set(new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                commits.incrementAndGet();
            }
        }));
        uow = (JooqUnitOfWork) db.storage().unitOfWork();
        store = new JooqMessageStore(uow, new InboxWriter(new JooqInboxSequenceAllocator(uow)));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private UserId newUser() {
        return db.storage().users().create(uniqueAccount("gc"), profile("GC"), passwordHash()).id();
    }

    private DeviceId newDevice(UserId user) {
        return db.storage().devices().create(user, deviceInfo()).id();
    }

    private StoreRequest send(UserId from, DeviceId device, UserId to, long sendSequence) {
        Message m = new Message(MessageId.of(ids.incrementAndGet()), Sender.user(from, device), new Receiver.User(to),
                MessageType.TEXT, from + "#" + sendSequence, List.of(), T0);
        return new StoreRequest(m, List.of(from, to), device, SendSequence.of(sendSequence));
    }

    @Test
    void aBatchShouldJudgeEachRequestAsIfTheyCameOneAfterTheOther() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId phone = newDevice(a);
        DeviceId other = newDevice(c);
        StoreRequest first = send(a, phone, b, 1);
        List<StoreRequest> batch = List.of(
                first,
                send(a, phone, b, 1),      // the same number again: a duplicate of the first
                send(c, other, b, 1),      // another device: independent
                send(a, phone, b, 3),      // a gap is fine
                send(a, phone, b, 2));     // below 3 and never used: too low

        List<Outcome> outcomes = uow.withDsl(ctx -> store.storeAll(ctx, batch));

        Outcome.Stored stored = (Outcome.Stored) outcomes.get(0);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Duplicate(stored.receipt()));
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Stored.class);
        assertThat(outcomes.get(3)).isInstanceOf(Outcome.Stored.class);
        assertThat(outcomes.get(4)).isEqualTo(new Outcome.SequenceTooLow(SendSequence.of(3)));
        // b's inbox in arrival order: phone#1, other#1, phone#3
        assertThat(db.storage().inbox().read(b, InboxSequence.ZERO, 10))
                .extracting(e -> e.message().content())
                .containsExactly(a + "#1", c + "#1", a + "#3");
        assertThat(((Outcome.Stored) outcomes.get(3)).receipt().senderSequence()).isEqualTo(InboxSequence.of(2));
    }

    @Test
    void afterCommitActionsOfABatchShouldRunInSequenceOrderOnOneThreadBeforeTheCallersWakeUp() throws Exception {
        Paused paused = new Paused();
        try (GroupCommitMessageStore groupCommit = new GroupCommitMessageStore(uow, store, 16, paused)) {
            UserId receiver = newUser();
            List<Long> pushed = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            List<StoreRequest> requests = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                UserId sender = newUser();
                StoreRequest plain = send(sender, newDevice(sender), receiver, 1);
                int index = i;
                requests.add(new StoreRequest(plain.message(), plain.owners(), plain.device(), plain.sendSequence(), stored -> {
                    // The store committed: the copy is readable from another connection.
                    assertThat(db.storage().inbox().read(receiver, InboxSequence.ZERO, 20)).extracting(e -> e.message().id())
                            .contains(stored.receipt().messageId());
                    pushed.add(stored.entries().get(1).sequence().value());
                    threads.add(Thread.currentThread());
                    if (index == 4) {
                        throw new IllegalStateException("an action that fails changes no outcome");
                    }
                }));
            }
            CompletableFuture<Outcome> lone = async(groupCommit, requests.get(0));
            paused.awaitWriterPaused();
            List<CompletableFuture<Outcome>> queued = new ArrayList<>();
            for (int i = 1; i < 9; i++) {
                queued.add(async(groupCommit, requests.get(i)));
            }
            awaitTrue(() -> groupCommit.queued() == 8);

            paused.release();

            assertThat(lone.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
            for (CompletableFuture<Outcome> f : queued) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
                // Every action of the batch ran before any of its callers got its outcome.
                assertThat(pushed).hasSize(9);
            }
            assertThat(pushed).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(threads.subList(1, 9)).as("the batch's actions run on one thread").containsOnly(threads.get(1));
        }
    }

    @Test
    void queuedSendsShouldShareOneCommitAndEachGetItsOwnOutcome() throws Exception {
        Paused paused = new Paused();
        try (GroupCommitMessageStore groupCommit = new GroupCommitMessageStore(uow, store, 16, paused)) {
            UserId receiver = newUser();
            List<UserId> senders = new ArrayList<>();
            List<DeviceId> devices = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                senders.add(newUser());
                devices.add(newDevice(senders.get(i)));
            }
            CompletableFuture<Outcome> lone = async(groupCommit, send(senders.get(0), devices.get(0), receiver, 1));
            paused.awaitWriterPaused();
            List<CompletableFuture<Outcome>> queued = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                queued.add(async(groupCommit, send(senders.get(i), devices.get(i), receiver, 1)));
            }
            awaitTrue(() -> groupCommit.queued() == 4);
            commits.set(0);

            paused.release();

            assertThat(lone.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
            List<Long> receiverSequences = new ArrayList<>();
            for (CompletableFuture<Outcome> f : queued) {
                Outcome.Stored stored = (Outcome.Stored) f.get(30, TimeUnit.SECONDS);
                assertThat(stored.receipt().senderSequence()).isEqualTo(InboxSequence.of(1));
                receiverSequences.add(stored.entries().get(1).sequence().value());
            }
            assertThat(receiverSequences).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
            assertThat(commits.get()).as("one commit for the lone send, one for the four queued").isEqualTo(2);
            assertThat(db.storage().inbox().read(receiver, InboxSequence.ZERO, 10)).extracting(InboxEntry::sequence)
                    .containsExactly(InboxSequence.of(1), InboxSequence.of(2), InboxSequence.of(3), InboxSequence.of(4), InboxSequence.of(5));
        }
    }

    @Test
    void aFailingRequestShouldFailItsWholeBatchAndStoreNothingOfIt() throws Exception {
        Paused paused = new Paused();
        try (GroupCommitMessageStore groupCommit = new GroupCommitMessageStore(uow, store, 16, paused)) {
            UserId receiver = newUser();
            UserId a = newUser();
            DeviceId phone = newDevice(a);
            UserId b = newUser();
            DeviceId tablet = newDevice(b);
            CompletableFuture<Outcome> lone = async(groupCommit, send(a, phone, receiver, 1));
            paused.awaitWriterPaused();
            CompletableFuture<Outcome> good = async(groupCommit, send(a, phone, receiver, 2));
            CompletableFuture<Outcome> unknownDevice = async(groupCommit, send(b, DeviceId.of(Long.MAX_VALUE - 9), receiver, 1));
            CompletableFuture<Outcome> alsoGood = async(groupCommit, send(b, tablet, receiver, 1));
            awaitTrue(() -> groupCommit.queued() == 3);

            paused.release();

            assertThat(lone.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
            for (CompletableFuture<Outcome> f : List.of(good, unknownDevice, alsoGood)) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(IllegalStateException.class);
            }
            assertThat(db.storage().inbox().read(receiver, InboxSequence.ZERO, 10)).hasSize(1);
            assertThat(store.findReceipt(phone, SendSequence.of(2))).isEmpty();
            assertThat(db.storage().devices().findById(phone).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.of(1));
            assertThat(db.storage().devices().findById(tablet).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.NONE);

            // Their retries, without the bad one, go through.
            assertThat(groupCommit.store(send(a, phone, receiver, 2))).isInstanceOf(Outcome.Stored.class);
            assertThat(groupCommit.store(send(b, tablet, receiver, 1))).isInstanceOf(Outcome.Stored.class);
        }
    }

    @Test
    void aSendInsideAUnitOfWorkShouldJoinItInsteadOfTheBatch() {
        try (GroupCommitMessageStore groupCommit = new GroupCommitMessageStore(uow, store, 16, 2)) {
            UserId a = newUser();
            UserId b = newUser();
            DeviceId phone = newDevice(a);
            RuntimeException boom = new RuntimeException("roll back");

            assertThatThrownBy(() -> uow.run(() -> {
                groupCommit.store(send(a, phone, b, 1));
                throw boom;
            })).isSameAs(boom);

            assertThat(db.storage().inbox().newest(b)).isEqualTo(InboxSequence.ZERO);
        }
    }

    private static CompletableFuture<Outcome> async(GroupCommitMessageStore store, StoreRequest request) {
        return CompletableFuture.supplyAsync(() -> store.store(request), command -> Thread.ofVirtual().start(command));
    }

    /** Polls a condition that another thread makes true (a queue filling up), for at most 30 s. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /** Pauses the writer at its first batch until released. */
    private static final class Paused implements Runnable {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void run() {
            if (paused.getCount() > 0) {
                paused.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void awaitWriterPaused() throws InterruptedException {
            assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
