package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.INBOX;
import static io.jim.adapter.mysql.generated.Tables.INBOX_COUNTERS;
import static io.jim.adapter.mysql.generated.Tables.MESSAGES;

import io.jim.application.port.out.InboxRepository;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * {@link InboxRepository} on {@code messages} (one row per message) and {@code inbox} (one row per
 * copy). A read is one query along the inbox primary key (user_id, seq), joined to the message rows.
 */
final class JooqInboxRepository implements InboxRepository {

    private final JooqUnitOfWork uow;
    private final InboxWriter writer;

    JooqInboxRepository(JooqUnitOfWork uow, InboxWriter writer) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public List<InboxEntry> append(Message message, List<UserId> owners) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(owners, "owners");
        InboxWriter.Item item = new InboxWriter.Item(message, owners, null);
        return uow.withDsl(ctx -> writer.write(ctx, List.of(item)).get(0).entries());
    }

    @Override
    public List<InboxEntry> read(UserId owner, InboxSequence after, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(after, "after");
        if (limit <= 0) {
            return List.of();
        }
        return uow.withDsl(ctx -> ctx.select(INBOX.SEQ).select(MESSAGES.fields())
                .from(INBOX)
                .join(MESSAGES).on(MESSAGES.ID.eq(INBOX.MESSAGE_ID))
                .where(INBOX.USER_ID.eq(owner.value()))
                .and(INBOX.SEQ.gt(after.value()))
                .orderBy(INBOX.SEQ)
                .limit(limit)
                .fetch(r -> new InboxEntry(owner, InboxSequence.of(r.get(INBOX.SEQ)), Rows.message(r))));
    }

    @Override
    public InboxSequence newest(UserId owner) {
        Objects.requireNonNull(owner, "owner");
        // The counter moves in the same transaction as the inbox rows, so its committed value is the
        // newest committed copy; reading it is one primary-key lookup.
        Long last = uow.withDsl(ctx -> ctx.select(INBOX_COUNTERS.LAST_SEQUENCE).from(INBOX_COUNTERS)
                .where(INBOX_COUNTERS.USER_ID.eq(owner.value())).fetchOne(INBOX_COUNTERS.LAST_SEQUENCE));
        return last == null ? InboxSequence.ZERO : InboxSequence.of(last);
    }
}
