package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.INBOX_COUNTERS;

import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * {@link InboxSequenceAllocator} on the {@code inbox_counters} rows, which exist from user creation.
 * Per chunk of up to {@value #CHUNK} users: one {@code UPDATE … SET last_sequence = last_sequence + n
 * WHERE user_id IN (…)} takes the row locks (the IN list is walked in ascending primary-key order, so
 * concurrent group messages lock their common users in the same order and cannot deadlock), then one
 * {@code SELECT} reads the new values, which no one else can change until this transaction ends. Two
 * round trips for any group up to {@value #CHUNK} members. The statements' SQL is rendered once per
 * size ({@link RenderedSql}).
 */
final class JooqInboxSequenceAllocator implements InboxSequenceAllocator {

    static final int CHUNK = 1000;

    private final JooqUnitOfWork uow;
    private final RenderedSql addSame = new RenderedSql(JooqInboxSequenceAllocator::addSame);
    private final RenderedSql addEach = new RenderedSql(JooqInboxSequenceAllocator::addEach);
    private final RenderedSql read = new RenderedSql(JooqInboxSequenceAllocator::read);

    JooqInboxSequenceAllocator(JooqUnitOfWork uow) {
        this.uow = Objects.requireNonNull(uow, "uow");
    }

    @Override
    public Map<UserId, InboxSequence> allocate(Map<UserId, Integer> counts) {
        Objects.requireNonNull(counts, "counts");
        return uow.withDsl(ctx -> allocate(ctx, counts));
    }

    /** Allocates on {@code ctx}, which must be inside the transaction that stores the inbox rows. */
    Map<UserId, InboxSequence> allocate(DSLContext ctx, Map<UserId, Integer> counts) {
        TreeMap<UserId, Integer> sorted = new TreeMap<>(counts);
        sorted.forEach((user, count) -> {
            if (count == null || count < 1) {
                throw new IllegalArgumentException("a count must be at least 1 (user " + user + ")");
            }
        });
        List<UserId> users = new ArrayList<>(sorted.keySet());
        Map<UserId, InboxSequence> firsts = new HashMap<>(users.size() * 2);
        for (int from = 0; from < users.size(); from += CHUNK) {
            List<UserId> chunk = users.subList(from, Math.min(users.size(), from + CHUNK));
            int n = chunk.size();
            int updated;
            if (sameCount(chunk, sorted)) {
                Object[] values = new Object[1 + n];
                values[0] = (long) sorted.get(chunk.get(0));
                for (int i = 0; i < n; i++) {
                    values[1 + i] = chunk.get(i).value();
                }
                updated = addSame.execute(ctx, n, values);
            } else {
                long[] owners = chunk.stream().mapToLong(UserId::value).toArray();
                long[] increments = chunk.stream().mapToLong(sorted::get).toArray();
                updated = addEach.execute(ctx, n, RenderedSql.caseThenIn(owners, increments));
            }
            if (updated != n) {
                throw new IllegalStateException("an inbox counter is missing: " + (n - updated)
                        + " of users " + chunk + " do not exist");
            }
            Object[] ids = new Object[n];
            for (int i = 0; i < n; i++) {
                ids[i] = chunk.get(i).value();
            }
            read.forEachLongPair(ctx, n, ids, (userId, last) -> {
                UserId user = UserId.of(userId);
                firsts.put(user, InboxSequence.of(last - sorted.get(user) + 1));
            });
        }
        return firsts;
    }

    private static boolean sameCount(List<UserId> chunk, Map<UserId, Integer> counts) {
        int first = counts.get(chunk.get(0));
        for (UserId user : chunk) {
            if (counts.get(user) != first) {
                return false;
            }
        }
        return true;
    }

    /** {@code UPDATE inbox_counters SET last_sequence = last_sequence + ? WHERE user_id IN (?, …)}: the same number for everyone (the usual case). */
    private static Query addSame(DSLContext ctx, int users) {
        return ctx.update(INBOX_COUNTERS)
                .set(INBOX_COUNTERS.LAST_SEQUENCE, INBOX_COUNTERS.LAST_SEQUENCE.plus(DSL.val(0L)))
                .where(INBOX_COUNTERS.USER_ID.in(RenderedSql.placeholders(users)));
    }

    /** The same with a CASE over the user ids ({@code WHEN ? THEN ?} per user, then the IN list). */
    private static Query addEach(DSLContext ctx, int users) {
        return ctx.update(INBOX_COUNTERS)
                .set(INBOX_COUNTERS.LAST_SEQUENCE, INBOX_COUNTERS.LAST_SEQUENCE.plus(
                        RenderedSql.caseOf(INBOX_COUNTERS.USER_ID, users, DSL.inline(0L))))
                .where(INBOX_COUNTERS.USER_ID.in(RenderedSql.placeholders(users)));
    }

    /** {@code SELECT user_id, last_sequence FROM inbox_counters WHERE user_id IN (?, …)}. */
    private static Query read(DSLContext ctx, int users) {
        return ctx.select(INBOX_COUNTERS.USER_ID, INBOX_COUNTERS.LAST_SEQUENCE).from(INBOX_COUNTERS)
                .where(INBOX_COUNTERS.USER_ID.in(RenderedSql.placeholders(users)));
    }
}
