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

/**
 * Writes messages (once each) and their inbox copies inside the caller's transaction: one sequence
 * allocation for every owner of every message, multi-row INSERTs for the messages and for the inbox
 * rows. Works on a list so that several sends can share one transaction (group commit).
 */
final class InboxWriter {

    /** Inbox rows per INSERT: three numbers each, so 500 rows stay far below any packet limit. */
    static final int INBOX_BATCH = 500;
    /** Messages per INSERT, and the content bytes after which a message INSERT is cut early. */
    static final int MESSAGE_BATCH = 100;
    static final int MESSAGE_BATCH_BYTES = 1 << 20;

    private final JooqInboxSequenceAllocator sequences;

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

    private static void insertMessages(DSLContext ctx, List<Item> items, List<Written> written) {
        InsertValuesStep12<?, Long, Integer, Long, Long, Integer, Long, Integer, String, String, Long, Long, Long> insert = null;
        int rows = 0;
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            Message m = written.get(i).message();
            if (insert == null) {
                insert = ctx.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.SENDER_TYPE, MESSAGES.SENDER_ID, MESSAGES.SENDER_DEVICE_ID,
                        MESSAGES.RECEIVER_TYPE, MESSAGES.RECEIVER_ID, MESSAGES.MESSAGE_TYPE, MESSAGES.CONTENT,
                        MESSAGES.TO_USER_IDS, MESSAGES.SEND_TIME, MESSAGES.SEND_SEQUENCE, MESSAGES.SENDER_SEQUENCE);
            }
            insert = insert.values(m.id().value(), m.sender().type().code(), m.sender().userId().value(),
                    m.sender().deviceId().value(), m.receiver().type().code(), m.receiver().idValue(), m.type().code(),
                    m.content(), Rows.mentions(m.mentions()), Rows.millis(m.sendTime()), items.get(i).sendSequence(),
                    written.get(i).senderSequence().value());
            rows++;
            bytes += m.content().length() * 3L;
            if (rows == MESSAGE_BATCH || bytes >= MESSAGE_BATCH_BYTES) {
                insert.execute();
                insert = null;
                rows = 0;
                bytes = 0;
            }
        }
        if (insert != null) {
            insert.execute();
        }
    }

    private static void insertInboxRows(DSLContext ctx, List<Written> written) {
        InsertValuesStep3<?, Long, Long, Long> insert = null;
        int rows = 0;
        for (Written w : written) {
            for (InboxEntry e : w.entries()) {
                if (insert == null) {
                    insert = ctx.insertInto(INBOX, INBOX.USER_ID, INBOX.SEQ, INBOX.MESSAGE_ID);
                }
                insert = insert.values(e.owner().value(), e.sequence().value(), e.message().id().value());
                if (++rows == INBOX_BATCH) {
                    insert.execute();
                    insert = null;
                    rows = 0;
                }
            }
        }
        if (insert != null) {
            insert.execute();
        }
    }
}
