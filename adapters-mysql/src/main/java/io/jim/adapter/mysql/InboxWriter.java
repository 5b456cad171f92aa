package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.INBOX;
import static io.jim.adapter.mysql.generated.Tables.MESSAGES;

import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.InsertValuesStep12;
import org.jooq.Query;

/**
 * Writes messages (once each) and their inbox copies inside the caller's transaction: one sequence
 * allocation for every owner of every message, multi-row INSERTs for the messages and for the inbox
 * rows. Works on a list so that several sends can share one transaction (group commit). The INSERTs'
 * SQL is rendered once per row count ({@link RenderedSql}).
 */
final class InboxWriter {

    /** Inbox rows per INSERT: three numbers each, so 500 rows stay far below any packet limit. */
    static final int INBOX_BATCH = 500;
    /** Messages per INSERT, and the content bytes after which a message INSERT is cut early. */
    static final int MESSAGE_BATCH = 100;
    static final int MESSAGE_BATCH_BYTES = 1 << 20;

    private static final int MESSAGE_COLUMNS = 12;

    private final JooqInboxSequenceAllocator sequences;
    private final RenderedSql messageInsert = new RenderedSql(InboxWriter::messageInsert);
    private final RenderedSql inboxInsert = new RenderedSql(InboxWriter::inboxInsert);

    InboxWriter(JooqInboxSequenceAllocator sequences) {
        this.sequences = Objects.requireNonNull(sequences, "sequences");
    }

    /** A message to write, the owners of its copies (in the caller's order) and its send_sequence (null: none). */
    record Item(Message message, List<UserId> owners, Long sendSequence) {
        Item {
            Objects.requireNonNull(message, "message");
            owners = List.copyOf(owners);
        }
    }

    /** What was written for an item: its copies in the order of its owners, and the sender's copy's sequence. */
    record Written(Message message, List<InboxEntry> entries, InboxSequence senderSequence) {
    }

    List<Written> write(DSLContext ctx, List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        Map<UserId, Integer> counts = new LinkedHashMap<>();
        for (Item item : items) {
            item.owners().forEach(owner -> counts.merge(owner, 1, Integer::sum));
        }
        Map<UserId, InboxSequence> firsts = counts.isEmpty() ? Map.of() : sequences.allocate(ctx, counts);
        Map<UserId, Long> next = new HashMap<>(firsts.size() * 2);
        firsts.forEach((user, first) -> next.put(user, first.value()));

        List<Written> written = new ArrayList<>(items.size());
        for (Item item : items) {
            // Stored times are milliseconds: hand back exactly what a later read (or a retransmission) will see.
            Message message = withStoredTime(item.message());
            List<InboxEntry> entries = new ArrayList<>(item.owners().size());
            for (UserId owner : item.owners()) {
                long sequence = next.merge(owner, 1L, Long::sum) - 1;
                entries.add(new InboxEntry(owner, InboxSequence.of(sequence), message));
            }
            written.add(new Written(message, List.copyOf(entries), senderSequence(message, entries)));
        }
        insertMessages(ctx, items, written);
        insertInboxRows(ctx, written);
        return written;
    }

    /** The sender's own copy, or the first copy when the sender has none (business and system messages). */
    private static InboxSequence senderSequence(Message message, List<InboxEntry> entries) {
        for (InboxEntry entry : entries) {
            if (entry.owner().equals(message.sender().userId())) {
                return entry.sequence();
            }
        }
        return entries.isEmpty() ? InboxSequence.ZERO : entries.get(0).sequence();
    }

    private static Message withStoredTime(Message m) {
        return new Message(m.id(), m.sender(), m.receiver(), m.type(), m.content(), m.mentions(), Rows.stored(m.sendTime()));
    }

    private void insertMessages(DSLContext ctx, List<Item> items, List<Written> written) {
        List<Object> values = new ArrayList<>(Math.min(items.size(), MESSAGE_BATCH) * MESSAGE_COLUMNS);
        int rows = 0;
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            Message m = written.get(i).message();
            Long sendSequence = items.get(i).sendSequence();
            values.add(m.id().value());
            values.add(m.sender().type().code());
            values.add(m.sender().userId().value());
            values.add(m.sender().deviceId().value());
            values.add(m.receiver().type().code());
            values.add(m.receiver().idValue());
            values.add(m.type().code());
            values.add(m.content());
            values.add(Rows.mentions(m.mentions()));
            values.add(Rows.millis(m.sendTime()));
            values.add(sendSequence); // null: an unnumbered send
            values.add(written.get(i).senderSequence().value());
            rows++;
            bytes += m.content().length() * 3L;
            if (rows == MESSAGE_BATCH || bytes >= MESSAGE_BATCH_BYTES) {
                messageInsert.execute(ctx, rows, values.toArray());
                values.clear();
                rows = 0;
                bytes = 0;
            }
        }
        if (rows > 0) {
            messageInsert.execute(ctx, rows, values.toArray());
        }
    }

    private void insertInboxRows(DSLContext ctx, List<Written> written) {
        int total = 0;
        for (Written w : written) {
            total += w.entries().size();
        }
        List<Object> values = new ArrayList<>(Math.min(total, INBOX_BATCH) * 3);
        int rows = 0;
        for (Written w : written) {
            for (InboxEntry e : w.entries()) {
                values.add(e.owner().value());
                values.add(e.sequence().value());
                values.add(e.message().id().value());
                if (++rows == INBOX_BATCH) {
                    inboxInsert.execute(ctx, rows, values.toArray());
                    values.clear();
                    rows = 0;
                }
            }
        }
        if (rows > 0) {
            inboxInsert.execute(ctx, rows, values.toArray());
        }
    }

    /** INSERT INTO messages (…12 columns…) VALUES (…), … with {@code rows} rows. */
    private static Query messageInsert(DSLContext ctx, int rows) {
        InsertValuesStep12<?, Long, Integer, Long, Long, Integer, Long, Integer, String, String, Long, Long, Long> insert =
                ctx.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.SENDER_TYPE, MESSAGES.SENDER_ID, MESSAGES.SENDER_DEVICE_ID,
                        MESSAGES.RECEIVER_TYPE, MESSAGES.RECEIVER_ID, MESSAGES.MESSAGE_TYPE, MESSAGES.CONTENT,
                        MESSAGES.TO_USER_IDS, MESSAGES.SEND_TIME, MESSAGES.SEND_SEQUENCE, MESSAGES.SENDER_SEQUENCE);
        for (int i = 0; i < rows; i++) {
            insert = insert.values(0L, 0, 0L, 0L, 0, 0L, 0, "", "", 0L, 0L, 0L);
        }
        return insert;
    }

    /** INSERT INTO inbox (user_id, seq, message_id) VALUES (…), … with {@code rows} rows. */
    private static Query inboxInsert(DSLContext ctx, int rows) {
        InsertValuesStep3<?, Long, Long, Long> insert = ctx.insertInto(INBOX, INBOX.USER_ID, INBOX.SEQ, INBOX.MESSAGE_ID);
        for (int i = 0; i < rows; i++) {
            insert = insert.values(0L, 0L, 0L);
        }
        return insert;
    }
}
