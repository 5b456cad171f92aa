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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device claims of a group-commit batch ({@link JooqMessageStore#storeAll} with two or more numbered
 * sends): every outcome as if the sends had come one transaction after the other, and the claims of the
 * whole batch made with one {@code SELECT … FOR UPDATE} of the devices and at most one {@code UPDATE} of
 * them, instead of one UPDATE per send. Run on H2 and on MariaDB by the subclasses.
 */
abstract class BatchClaimTests {

    private static final Pattern DEVICES = Pattern.compile("\\bdevices\\b");

    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final StatementCounter counter = new StatementCounter();
    private final List<String> statements = counter.statements;
    private volatile List<String> batchStatements = List.of();
    private TestDatabase db;
    private JooqUnitOfWork uow;
    private JooqMessageStore store;

    /** A database not yet opened. */
    protected abstract TestDatabase database();

    /**
     * Whether a session of {@code database} (null on H2) waits, at this moment, for a row lock on the devices
     * table; read from the live lock table, never from a snapshot that could be older than the wait.
     */
    protected abstract boolean someSessionWaitsForADeviceRowLock(DSLContext ctx, String database);

    @BeforeEach
    void open() throws Exception {
        db = database().open(counter::install);
        uow = (JooqUnitOfWork) db.storage().unitOfWork();
        store = new JooqMessageStore(uow, new InboxWriter(new JooqInboxSequenceAllocator(uow)));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void sendsOfOneDeviceWithIncreasingNumbersShouldAllBeStoredInArrivalOrder() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);

        List<Outcome> outcomes = storeBatch(send(a, phone, b, 1), send(a, phone, b, 2), send(a, phone, b, 4));

        assertThat(outcomes).allMatch(Outcome.Stored.class::isInstance);
        assertThat(outcomes).extracting(o -> ((Outcome.Stored) o).receipt().senderSequence())
                .containsExactly(InboxSequence.of(1), InboxSequence.of(2), InboxSequence.of(3));
        assertThat(contents(b)).containsExactly(a + "#1", a + "#2", a + "#4");
        assertThat(highest(phone)).isEqualTo(SendSequence.of(4));
        assertThat(store.findReceipt(phone, SendSequence.of(2))).contains(((Outcome.Stored) outcomes.get(1)).receipt());
        assertClaimedWithOneStatementPair(true);
    }

    @Test
    void aNumberRepeatedWithinTheBatchShouldBeADuplicateOfItsFirstUse() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);

        List<Outcome> outcomes = storeBatch(send(a, phone, b, 1), send(a, phone, b, 1));

        Outcome.Stored first = (Outcome.Stored) outcomes.get(0);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Duplicate(first.receipt()));
        assertThat(contents(b)).containsExactly(a + "#1");
        assertThat(highest(phone)).isEqualTo(SendSequence.of(1));
        assertClaimedWithOneStatementPair(true);
    }

    @Test
    void aNumberBelowTheHighestShouldBeADuplicateIfUsedBeforeAndTooLowAgainstTheHighestAtThatPointIfNot() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);
        store.store(send(a, phone, b, 1));
        Outcome.Stored five = (Outcome.Stored) store.store(send(a, phone, b, 5));

        List<Outcome> outcomes = storeBatch(
                send(a, phone, b, 3),      // never used, below 5: too low against the stored highest
                send(a, phone, b, 7),      // above 5: stored
                send(a, phone, b, 5),      // used in an earlier transaction: its original receipt
                send(a, phone, b, 6),      // never used, below 7: too low against the batch's own 7
                send(a, phone, b, 1));     // used: its original receipt

        assertThat(outcomes.get(0)).isEqualTo(new Outcome.SequenceTooLow(SendSequence.of(5)));
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Stored.class);
        assertThat(outcomes.get(2)).isEqualTo(new Outcome.Duplicate(five.receipt()));
        assertThat(outcomes.get(3)).isEqualTo(new Outcome.SequenceTooLow(SendSequence.of(7)));
        assertThat(outcomes.get(4)).isEqualTo(new Outcome.Duplicate(store.findReceipt(phone, SendSequence.of(1)).orElseThrow()));
        assertThat(contents(b)).containsExactly(a + "#1", a + "#5", a + "#7");
        assertThat(highest(phone)).isEqualTo(SendSequence.of(7));
        assertClaimedWithOneStatementPair(true);
    }

    @Test
    void numberedAndUnnumberedSendsShouldMixWithOnlyTheNumberedOnesClaimed() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId phone = newDevice(a);
        DeviceId tablet = newDevice(c);
        Message business = new Message(MessageId.of(ids.incrementAndGet()), Sender.BUSINESS, new Receiver.User(b),
                MessageType.TEXT, "promo", List.of(), T0);

        List<Outcome> outcomes = storeBatch(
                send(a, phone, b, 1),
                unnumbered(a, phone, b, "x"),
                new StoreRequest(business, List.of(b), DeviceId.NONE, SendSequence.NONE),
                send(c, tablet, b, 2),
                unnumbered(c, tablet, b, "y"),
                send(a, phone, b, 2));

        assertThat(outcomes).allMatch(Outcome.Stored.class::isInstance);
        assertThat(contents(b)).containsExactly(a + "#1", a + "#x", "promo", c + "#2", c + "#y", a + "#2");
        assertThat(highest(phone)).isEqualTo(SendSequence.of(2));
        assertThat(highest(tablet)).isEqualTo(SendSequence.of(2));
        assertClaimedWithOneStatementPair(true);
    }

    @Test
    void twoDevicesInterleavedShouldEachBeJudgedInTheirOwnArrivalOrder() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId phone = newDevice(a);
        DeviceId tablet = newDevice(c);

        List<Outcome> outcomes = storeBatch(
                send(c, tablet, b, 1),
                send(a, phone, b, 1),
                send(c, tablet, b, 3),
                send(a, phone, b, 2),
                send(c, tablet, b, 1),     // the batch's tablet#1
                send(a, phone, b, 2),      // the batch's phone#2
                send(c, tablet, b, 2));    // never used, below the batch's 3

        assertThat(outcomes.subList(0, 4)).allMatch(Outcome.Stored.class::isInstance);
        assertThat(outcomes.get(4)).isEqualTo(new Outcome.Duplicate(((Outcome.Stored) outcomes.get(0)).receipt()));
        assertThat(outcomes.get(5)).isEqualTo(new Outcome.Duplicate(((Outcome.Stored) outcomes.get(3)).receipt()));
        assertThat(outcomes.get(6)).isEqualTo(new Outcome.SequenceTooLow(SendSequence.of(3)));
        assertThat(contents(b)).containsExactly(c + "#1", a + "#1", c + "#3", a + "#2");
        assertThat(highest(phone)).isEqualTo(SendSequence.of(2));
        assertThat(highest(tablet)).isEqualTo(SendSequence.of(3));
        assertClaimedWithOneStatementPair(true);
    }

    @Test
    void aBatchOfRetransmissionsOnlyShouldStoreNothingAndNotUpdateTheDevices() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId phone = newDevice(a);
        DeviceId tablet = newDevice(c);
        Outcome.Stored fromPhone = (Outcome.Stored) store.store(send(a, phone, b, 1));
        Outcome.Stored fromTablet = (Outcome.Stored) store.store(send(c, tablet, b, 1));

        List<Outcome> outcomes = storeBatch(send(a, phone, b, 1), send(c, tablet, b, 1));

        assertThat(outcomes).containsExactly(new Outcome.Duplicate(fromPhone.receipt()), new Outcome.Duplicate(fromTablet.receipt()));
        assertThat(contents(b)).hasSize(2);
        assertClaimedWithOneStatementPair(false);
    }

    @Test
    void aBatchWithOneNumberedSendShouldKeepTheSingleConditionalUpdate() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);

        List<Outcome> outcomes = storeBatch(unnumbered(a, phone, b, "x"), send(a, phone, b, 3), unnumbered(a, phone, b, "y"));

        assertThat(outcomes).allMatch(Outcome.Stored.class::isInstance);
        assertThat(highest(phone)).isEqualTo(SendSequence.of(3));
        assertThat(deviceStatements()).singleElement().satisfies(sql -> assertThat(sql).startsWithIgnoringCase("update"));
    }

    @Test
    void anUnknownDeviceShouldFailTheWholeBatch() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);

        assertThatThrownBy(() -> storeBatch(send(a, phone, b, 1), send(a, DeviceId.of(Long.MAX_VALUE - 9), b, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown device");

        assertThat(contents(b)).isEmpty();
        assertThat(highest(phone)).isEqualTo(SendSequence.NONE);
    }

    @Test
    void moreDevicesThanOneStatementTakesShouldBeClaimedChunkByChunk() {
        UserId b = newUser();
        List<Sender> senders = uow.inTransaction(() -> IntStream.range(0, JooqMessageStore.DEVICES_PER_STATEMENT + 1)
                .mapToObj(i -> {
                    UserId a = newUser();
                    return Sender.user(a, newDevice(a));
                }).toList());

        List<Outcome> outcomes = storeBatch(senders.stream().map(s -> send(s.userId(), s.deviceId(), b, 1)).toArray(StoreRequest[]::new));

        assertThat(outcomes).allMatch(Outcome.Stored.class::isInstance);
        assertThat(senders).allSatisfy(s -> assertThat(highest(s.deviceId())).isEqualTo(SendSequence.of(1)));
        assertThat(deviceStatements()).hasSize(4);
        assertThat(deviceStatements().subList(0, 2)).allSatisfy(sql -> assertThat(sql).containsIgnoringCase("for update"));
        assertThat(deviceStatements().subList(2, 4)).allSatisfy(sql -> assertThat(sql).startsWithIgnoringCase("update"));
    }

    @Test
    void aBatchThatWaitedForAnotherSendOfTheSameDeviceShouldDecideOnWhatThatOneCommitted() throws Exception {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId phone = newDevice(a);
        DeviceId tablet = newDevice(c);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Outcome> other = CompletableFuture.supplyAsync(() -> uow.inTransaction(() -> {
            Outcome outcome = store.store(send(a, phone, b, 1));
            claimed.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outcome;
        }), command -> Thread.ofVirtual().start(command));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<List<Outcome>> batch = CompletableFuture.supplyAsync(
                () -> storeBatch(send(a, phone, b, 1), send(c, tablet, b, 1)), command -> Thread.ofVirtual().start(command));
        awaitLockWait();
        release.countDown();

        Outcome.Stored first = (Outcome.Stored) other.get(30, TimeUnit.SECONDS);
        List<Outcome> outcomes = batch.get(30, TimeUnit.SECONDS);
        assertThat(outcomes.get(0)).isEqualTo(new Outcome.Duplicate(first.receipt()));
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Stored.class);
        assertThat(contents(b)).containsExactly(a + "#1", c + "#1");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Stores the requests as one batch in one transaction, and keeps the statements it ran. */
    private List<Outcome> storeBatch(StoreRequest... batch) {
        statements.clear();
        List<Outcome> outcomes = uow.withDsl(ctx -> store.storeAll(ctx, List.of(batch)));
        synchronized (statements) {
            batchStatements = List.copyOf(statements);
        }
        return outcomes;
    }

    /** The statements of the last batch that touched the devices table. */
    private List<String> deviceStatements() {
        return batchStatements.stream().filter(sql -> DEVICES.matcher(sql.toLowerCase(Locale.ROOT)).find()).toList();
    }

    /** The last batch claimed with one SELECT … FOR UPDATE of the devices and, if {@code raised}, one UPDATE. */
    private void assertClaimedWithOneStatementPair(boolean raised) {
        List<String> claims = deviceStatements();
        assertThat(claims).as("statements on devices").hasSize(raised ? 2 : 1);
        assertThat(claims.get(0)).containsIgnoringCase("for update");
        if (raised) {
            assertThat(claims.get(1)).startsWithIgnoringCase("update");
        }
    }

    private void awaitLockWait() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!someSessionWaitsForADeviceRowLock(uow.root(), db.databaseName())) {
            assertThat(System.nanoTime()).as("no session waits for a lock on a device row").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private UserId newUser() {
        return db.storage().users().create(uniqueAccount("bc"), profile("BC"), passwordHash()).id();
    }

    private DeviceId newDevice(UserId user) {
        return db.storage().devices().create(user, deviceInfo()).id();
    }

    private SendSequence highest(DeviceId device) {
        return db.storage().devices().findById(device).orElseThrow().lastSendSequence();
    }

    private List<String> contents(UserId owner) {
        return db.storage().inbox().read(owner, InboxSequence.ZERO, 100).stream().map(InboxEntry::message).map(Message::content).toList();
    }

    private StoreRequest send(UserId from, DeviceId device, UserId to, long sendSequence) {
        return request(from, device, to, "#" + sendSequence, SendSequence.of(sendSequence));
    }

    private StoreRequest unnumbered(UserId from, DeviceId device, UserId to, String tag) {
        return request(from, device, to, "#" + tag, SendSequence.NONE);
    }

    private StoreRequest request(UserId from, DeviceId device, UserId to, String tag, SendSequence sendSequence) {
        Message m = new Message(MessageId.of(ids.incrementAndGet()), Sender.user(from, device), new Receiver.User(to),
                MessageType.TEXT, from + tag, List.of(), T0);
        return new StoreRequest(m, List.of(from, to), device, sendSequence);
    }
}
