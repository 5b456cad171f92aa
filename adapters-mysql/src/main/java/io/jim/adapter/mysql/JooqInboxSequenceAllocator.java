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
import org.jooq.CaseWhenStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * {@link InboxSequenceAllocator} on the {@code inbox_counters} rows, which exist from user creation.
 * Per chunk of up to {@value #CHUNK} users: one {@code UPDATE … SET last_sequence = last_sequence + n
 * WHERE user_id IN (…)} takes the row locks (the IN list is walked in ascending primary-key order, so
 * concurrent group messages lock their common users in the same order and cannot deadlock), then one
 * {@code SELECT} reads the new values, which no one else can change until this transaction ends. Two
 * round trips for any group up to {@value #CHUNK} members.
 */
final class JooqInboxSequenceAllocator implements InboxSequenceAllocator {

    static final int CHUNK = 1000;

    private final JooqUnitOfWork uow;

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
            List<Long> ids = chunk.stream().map(UserId::value).toList();
            int updated = ctx.update(INBOX_COUNTERS)
                    .set(INBOX_COUNTERS.LAST_SEQUENCE, INBOX_COUNTERS.LAST_SEQUENCE.plus(increment(chunk, sorted)))
                    .where(INBOX_COUNTERS.USER_ID.in(ids))
                    .execute();
            if (updated != chunk.size()) {
                throw new IllegalStateException("an inbox counter is missing: " + (chunk.size() - updated)
                        + " of users " + chunk + " do not exist");
            }
            for (Record2<Long, Long> row : ctx.select(INBOX_COUNTERS.USER_ID, INBOX_COUNTERS.LAST_SEQUENCE)
                    .from(INBOX_COUNTERS).where(INBOX_COUNTERS.USER_ID.in(ids)).fetch()) {
                UserId user = UserId.of(row.value1());
                firsts.put(user, InboxSequence.of(row.value2() - sorted.get(user) + 1));
            }
        }
        return firsts;
    }

    /** The same number for everyone (the usual case: one copy each), or a CASE over the user ids. */
    private static Field<Long> increment(List<UserId> chunk, Map<UserId, Integer> counts) {
        int first = counts.get(chunk.get(0));
        if (chunk.stream().allMatch(u -> counts.get(u) == first)) {
            return DSL.val((long) first);
        }
        CaseWhenStep<Long, Long> cases = null;
        for (UserId user : chunk) {
            long n = counts.get(user);
            cases = cases == null
                    ? DSL.case_(INBOX_COUNTERS.USER_ID).when(user.value(), DSL.val(n))
                    : cases.when(user.value(), DSL.val(n));
        }
        return cases.otherwise(DSL.val(0L));
    }
}
