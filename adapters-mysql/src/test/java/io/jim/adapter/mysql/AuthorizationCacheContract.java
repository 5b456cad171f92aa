package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.FRIENDSHIPS;
import static io.jim.adapter.mysql.generated.Tables.GROUP_MEMBERS;
import static io.jim.application.contract.ContractSupport.at;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.GroupRepository;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The caches of the send path's authorization reads ({@link CachedFriendRepository},
 * {@link CachedGroupRepository}) and the unit of work's after-completion hook they rely on, against a
 * real database: every change is seen at once, a read racing a change cannot leave a stale entry
 * (made deterministic with latches: a transaction held open, a read paused between its SELECT and its
 * put), a rollback leaves the right state, and a warm cache answers without any statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationCacheContract {

    private static final long TIMEOUT_SECONDS = 30;

    private final Statements statements = new Statements();
    private TestDatabase db;
    private ExecutorService other;

    /** A database of the kind under test, not yet open. */
    protected abstract TestDatabase database();

    @BeforeAll
    void open() throws Exception {
        db = database().open(c -> c.set(statements));
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    @BeforeEach
    void startOtherThread() {
        other = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopOtherThread() throws InterruptedException {
        statements.pauseNone();
        other.shutdownNow();
        assertThat(other.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    // --- friendships ---

    @Test
    void aSecondAreFriendsShouldBeAnsweredWithoutAnyStatement() {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));

        assertThat(statements.countOnThisThread(() -> assertThat(friends().areFriends(a, b)).isTrue())).isEqualTo(1);
        assertThat(statements.countOnThisThread(() -> assertThat(friends().areFriends(a, b)).isTrue())).isZero();
        // Each direction is its own entry; "no" is never kept.
        assertThat(statements.countOnThisThread(() -> assertThat(friends().areFriends(b, a)).isTrue())).isEqualTo(1);
        UserId stranger = newUser();
        assertThat(statements.countOnThisThread(() -> assertThat(friends().areFriends(a, stranger)).isFalse())).isEqualTo(1);
        assertThat(statements.countOnThisThread(() -> assertThat(friends().areFriends(a, stranger)).isFalse())).isEqualTo(1);
    }

    @Test
    void unfriendShouldEndACachedFriendshipAtOnceInBothDirections() {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));
        assertThat(friends().areFriends(a, b)).isTrue();
        assertThat(friends().areFriends(b, a)).isTrue();

        assertThat(friends().unfriend(b, a)).isTrue();

        assertThat(friends().areFriends(a, b)).isFalse();
        assertThat(friends().areFriends(b, a)).isFalse();
    }

    @Test
    void aReadDuringAnOpenUnfriendTransactionShouldNotOutliveItsCommit() throws Exception {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));
        assertThat(friends().areFriends(a, b)).isTrue();
        CountDownLatch unfriended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        Future<Boolean> unfriending = onOtherThread(() -> uow().inTransaction(() -> {
            boolean ended = friends().unfriend(a, b);
            unfriended.countDown();
            await(commit);
            return ended;
        }));
        await(unfriended);
        // Not committed yet: this connection still reads the friendship, and the cache may keep it.
        assertThat(friends().areFriends(a, b)).isTrue();
        commit.countDown();

        assertThat(unfriending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(friends().areFriends(a, b)).isFalse();
    }

    @Test
    void aReadPausedBeforeItsPutShouldNotCacheAFriendshipEndedMeanwhile() throws Exception {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));
        Paused paused = statements.pauseNextSelectOf("friendships");

        Future<Boolean> racing = onOtherThread(() -> friends().areFriends(a, b));
        paused.awaitReached();
        assertThat(friends().unfriend(a, b)).isTrue();
        paused.resume();

        assertThat(racing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("read before the unfriend").isTrue();
        assertThat(friends().areFriends(a, b)).isFalse();
        assertThat(friends().areFriends(b, a)).isFalse();
    }

    @Test
    void aReadInsideTheUnfriendingTransactionShouldSeeItsOwnChangeNotTheCache() throws Exception {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));
        CountDownLatch unfriended = new CountDownLatch(1);
        CountDownLatch readAgain = new CountDownLatch(1);

        Future<Boolean> inside = onOtherThread(() -> uow().inTransaction(() -> {
            friends().unfriend(a, b);
            unfriended.countDown();
            await(readAgain);
            return friends().areFriends(a, b);
        }));
        await(unfriended);
        assertThat(friends().areFriends(a, b)).as("committed state, now cached").isTrue();
        readAgain.countDown();

        assertThat(inside.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("read inside the transaction").isFalse();
        assertThat(friends().areFriends(a, b)).isFalse();
    }

    @Test
    void aRolledBackUnfriendShouldLeaveTheFriendship() {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "", "", at(1));
        assertThat(friends().areFriends(a, b)).isTrue();

        assertThatThrownBy(() -> uow().inTransaction(() -> {
            friends().unfriend(a, b);
            assertThat(friends().areFriends(a, b)).isFalse();
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(friends().areFriends(a, b)).isTrue();
        assertThat(friends().areFriends(b, a)).isTrue();
    }

    @Test
    void aFriendshipDeletedInTheDatabaseShouldBeReadAgainAfterTheTimeToLive() {
        AtomicLong nanos = new AtomicLong();
        FriendRepository cached = new CachedFriendRepository(uow(), new JooqFriendRepository(uow()), nanos::get);
        UserId a = newUser();
        UserId b = newUser();
        cached.befriend(a, b, "", "", at(1));
        assertThat(cached.areFriends(a, b)).isTrue();

        db.storage().dsl().transaction(c -> c.dsl().deleteFrom(FRIENDSHIPS)
                .where(FRIENDSHIPS.OWNER_ID.in(a.value(), b.value())).execute());
        nanos.addAndGet(CachedFriendRepository.TIME_TO_LIVE.toNanos() - 1);
        assertThat(cached.areFriends(a, b)).as("behind the server's back, within the time to live").isTrue();
        nanos.addAndGet(1);

        assertThat(cached.areFriends(a, b)).isFalse();
    }

    // --- group members ---

    @Test
    void aSecondMemberIdsShouldBeAnsweredWithoutAnyStatement() {
        UserId owner = newUser();
        GroupId group = newGroup(owner, newUser(), newUser());
        List<UserId> expected = groups().memberIds(group);
        assertThat(expected).hasSize(3);

        assertThat(statements.countOnThisThread(() -> assertThat(groups().memberIds(group)).isEqualTo(expected))).isZero();
        assertThat(groups().memberIds(group)).isUnmodifiable();
        // An unknown group ("no members") is never kept.
        GroupId unknown = GroupId.of(Long.MAX_VALUE - 7);
        assertThat(statements.countOnThisThread(() -> assertThat(groups().memberIds(unknown)).isEmpty())).isEqualTo(1);
        assertThat(statements.countOnThisThread(() -> assertThat(groups().memberIds(unknown)).isEmpty())).isEqualTo(1);
    }

    @Test
    void addMembersShouldShowInACachedMemberListAtOnce() {
        UserId owner = newUser();
        UserId b = newUser();
        GroupId group = newGroup(owner);
        assertThat(groups().memberIds(group)).containsExactly(owner);

        groups().addMembers(group, List.of(b), GroupRole.MEMBER, at(2));

        assertThat(groups().memberIds(group)).containsExactlyElementsOf(sorted(owner, b));
    }

    @Test
    void removeMemberShouldShowInACachedMemberListAtOnce() {
        UserId owner = newUser();
        UserId b = newUser();
        GroupId group = newGroup(owner, b);
        assertThat(groups().memberIds(group)).containsExactlyElementsOf(sorted(owner, b));

        assertThat(groups().removeMember(group, b)).isTrue();

        assertThat(groups().memberIds(group)).containsExactly(owner);
    }

    @Test
    void dissolveShouldEmptyACachedMemberListAtOnce() {
        UserId owner = newUser();
        GroupId group = newGroup(owner, newUser());
        assertThat(groups().memberIds(group)).hasSize(2);

        groups().dissolve(group);

        assertThat(groups().memberIds(group)).isEmpty();
    }

    @Test
    void aReadDuringAnOpenRemoveMemberTransactionShouldNotOutliveItsCommit() throws Exception {
        UserId owner = newUser();
        UserId b = newUser();
        GroupId group = newGroup(owner, b);
        assertThat(groups().memberIds(group)).containsExactlyElementsOf(sorted(owner, b));
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch readAgain = new CountDownLatch(1);

        Future<List<UserId>> removing = onOtherThread(() -> uow().inTransaction(() -> {
            groups().lock(group);
            groups().removeMember(group, b);
            removed.countDown();
            await(readAgain);
            return groups().memberIds(group);
        }));
        await(removed);
        assertThat(groups().memberIds(group)).as("committed state, now cached").containsExactlyElementsOf(sorted(owner, b));
        readAgain.countDown();

        assertThat(removing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("read inside the transaction").containsExactly(owner);
        assertThat(groups().memberIds(group)).containsExactly(owner);
    }

    @Test
    void aReadPausedBeforeItsPutShouldNotCacheMembersChangedMeanwhile() throws Exception {
        UserId owner = newUser();
        UserId b = newUser();
        GroupId group = newGroup(owner);
        Paused paused = statements.pauseNextSelectOf("group_members");

        Future<List<UserId>> racing = onOtherThread(() -> groups().memberIds(group));
        paused.awaitReached();
        groups().addMembers(group, List.of(b), GroupRole.MEMBER, at(2));
        paused.resume();

        assertThat(racing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("read before the change").containsExactly(owner);
        assertThat(groups().memberIds(group)).containsExactlyElementsOf(sorted(owner, b));
    }

    @Test
    void aRolledBackChangeShouldLeaveTheMembersAsTheyWere() {
        UserId owner = newUser();
        UserId b = newUser();
        UserId c = newUser();
        GroupId group = newGroup(owner, b);
        List<UserId> before = groups().memberIds(group);

        assertThatThrownBy(() -> uow().inTransaction(() -> {
            groups().addMembers(group, List.of(c), GroupRole.MEMBER, at(2));
            groups().removeMember(group, b);
            assertThat(groups().memberIds(group)).containsExactlyElementsOf(sorted(owner, c));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(groups().memberIds(group)).isEqualTo(before);

        assertThatThrownBy(() -> uow().inTransaction(() -> {
            groups().dissolve(group);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(groups().memberIds(group)).isEqualTo(before);
    }

    @Test
    void membersChangedInTheDatabaseShouldBeReadAgainAfterTheTimeToLive() {
        AtomicLong nanos = new AtomicLong();
        GroupRepository cached = new CachedGroupRepository(uow(), new JooqGroupRepository(uow()), nanos::get);
        UserId owner = newUser();
        UserId b = newUser();
        GroupId group = newGroup(owner, b);
        assertThat(cached.memberIds(group)).containsExactlyElementsOf(sorted(owner, b));

        db.storage().dsl().transaction(c -> c.dsl().deleteFrom(GROUP_MEMBERS)
                .where(GROUP_MEMBERS.GROUP_ID.eq(group.value())).and(GROUP_MEMBERS.USER_ID.eq(b.value())).execute());
        nanos.addAndGet(CachedGroupRepository.TIME_TO_LIVE.toNanos() - 1);
        assertThat(cached.memberIds(group)).as("behind the server's back, within the time to live").hasSize(2);
        nanos.addAndGet(1);

        assertThat(cached.memberIds(group)).containsExactly(owner);
    }

    // --- the hook ---

    @Test
    void afterCompletionShouldRunOnceTheCommitIsVisibleToOtherConnections() throws Exception {
        AtomicReference<Boolean> seenByOthers = new AtomicReference<>();
        AtomicReference<Boolean> activeThen = new AtomicReference<>();
        List<String> order = new ArrayList<>();

        UserId created = uow().inTransaction(() -> {
            UserId id = newUser();
            uow().afterCompletion(() -> order.add("first"));
            uow().inTransaction(() -> {
                uow().afterCompletion(() -> {
                    order.add("second");
                    activeThen.set(uow().active());
                    seenByOthers.set(readOnOtherThread(() -> db.storage().users().findById(id).isPresent()));
                });
                return null;
            });
            assertThat(order).as("not before the end of the outer transaction").isEmpty();
            return id;
        });

        assertThat(order).containsExactly("first", "second");
        assertThat(activeThen.get()).isFalse();
        assertThat(seenByOthers.get()).isTrue();
        assertThat(db.storage().users().findById(created)).isPresent();
    }

    @Test
    void afterCompletionShouldRunAfterARollbackAndAtOnceOutsideATransaction() {
        AtomicReference<UserId> created = new AtomicReference<>();
        AtomicReference<Boolean> existedThen = new AtomicReference<>();

        assertThatThrownBy(() -> uow().inTransaction(() -> {
            created.set(newUser());
            uow().afterCompletion(() -> existedThen.set(readOnOtherThread(
                    () -> db.storage().users().findById(created.get()).isPresent())));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(existedThen.get()).isFalse();

        AtomicBoolean ran = new AtomicBoolean();
        uow().afterCompletion(() -> ran.set(true));
        assertThat(ran).isTrue();
    }

    // --- support ---

    private JooqUnitOfWork uow() {
        return (JooqUnitOfWork) db.storage().unitOfWork();
    }

    private FriendRepository friends() {
        return db.storage().friends();
    }

    private GroupRepository groups() {
        return db.storage().groups();
    }

    private UserId newUser() {
        return db.storage().users().create(uniqueAccount("ac"), profile("U"), passwordHash()).id();
    }

    /** A group of {@code owner} and {@code others}. */
    private GroupId newGroup(UserId owner, UserId... others) {
        GroupId id = groups().create(new GroupProfile("G", "", "", "{}"), owner, at(1)).id();
        groups().addMembers(id, List.of(owner), GroupRole.OWNER, at(1));
        groups().addMembers(id, List.of(others), GroupRole.MEMBER, at(1));
        return id;
    }

    private static List<UserId> sorted(UserId... ids) {
        return Arrays.stream(ids).sorted().toList();
    }

    private <T> Future<T> onOtherThread(Callable<T> task) {
        return other.submit(task);
    }

    /** {@code read} on a fresh thread (its own connection and transaction), waited for. */
    private static <T> T readOnOtherThread(Callable<T> read) {
        try (ExecutorService reader = Executors.newSingleThreadExecutor()) {
            return reader.submit(read).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the read on another thread failed", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the other thread did not get there within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A SELECT held between its execution and the rest of its read (the cache's put). */
    private static final class Paused {

        private final String table;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);

        Paused(String table) {
            this.table = table;
        }

        void awaitReached() {
            await(reached);
        }

        void resume() {
            resume.countDown();
        }
    }

    /**
     * Sees every statement of the main pool: counts those of the test's thread, and can hold the next
     * SELECT of a table once it has run and read its rows (in jOOQ's {@code end}, after the fetch and
     * before the transaction ends), until the test lets it go on.
     */
    private static final class Statements implements ExecuteListener {

        private final AtomicReference<Thread> counted = new AtomicReference<>();
        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<Paused> pause = new AtomicReference<>();

        long countOnThisThread(Runnable work) {
            count.set(0);
            counted.set(Thread.currentThread());
            try {
                work.run();
            } finally {
                counted.set(null);
            }
            return count.get();
        }

        Paused pauseNextSelectOf(String table) {
            Paused paused = new Paused(table);
            pause.set(paused);
            return paused;
        }

        void pauseNone() {
            Paused paused = pause.getAndSet(null);
            if (paused != null) {
                paused.resume();
            }
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            if (counted.get() == Thread.currentThread()) {
                count.incrementAndGet();
            }
        }

        @Override
        public void end(ExecuteContext ctx) {
            Paused paused = pause.get();
            String sql = ctx.sql() == null ? "" : ctx.sql().toLowerCase(Locale.ROOT);
            if (paused != null && sql.startsWith("select") && sql.contains(paused.table)
                    && pause.compareAndSet(paused, null)) {
                paused.reached.countDown();
                await(paused.resume);
            }
        }
    }
}
