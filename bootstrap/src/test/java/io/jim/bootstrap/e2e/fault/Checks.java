package io.jim.bootstrap.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.fault.SendLoad.Sent;
import io.jim.bootstrap.e2e.fault.World.Device;
import io.jim.bootstrap.e2e.fault.World.Member;
import io.jim.client.InboxMessage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promise, checked after a fault: nothing lost, nothing duplicated, nothing reordered, nothing half
 * written. Every check collects all its findings before failing, so one run shows the whole damage.
 */
final class Checks {

    private static final int SHOWN = 25;

    private Checks() {
    }

    /**
     * The server's inboxes against what was sent and acknowledged, and every device's session against its
     * user's inbox:
     * <ul>
     *   <li>each inbox's sequences are exactly 1..N, each message id at most once;</li>
     *   <li>every send has an outcome; every send acknowledged with code 0 is in the inbox of each owner
     *       (sender and receiver, or every group member) exactly once, with the acknowledged message id, and
     *       at the acknowledged sequence in the sender's inbox; no two sends share a message id;</li>
     *   <li>a send that finally failed is in no inbox (a failure means nothing was stored);</li>
     *   <li>no inbox holds a test message nobody sent;</li>
     *   <li>every device's listener was handed exactly its user's inbox: each copy once, in order.</li>
     * </ul>
     */
    static void assertNothingLostDuplicatedOrReordered(World world, Collection<Sent> sends, Collection<Device> devices) {
        List<String> errors = new ArrayList<>();
        Map<Long, List<InboxMessage>> inboxes = new HashMap<>();
        // owner -> content -> copies
        Map<Long, Map<String, List<InboxMessage>>> byContent = new HashMap<>();
        for (Member m : world.members()) {
            List<InboxMessage> inbox = world.inbox(m);
            inboxes.put(m.userId(), inbox);
            Set<Long> ids = new HashSet<>();
            Map<String, List<InboxMessage>> contents = new HashMap<>();
            for (int i = 0; i < inbox.size(); i++) {
                InboxMessage c = inbox.get(i);
                if (c.syncSequence() != i + 1) {
                    errors.add(m.account() + ": inbox position " + (i + 1) + " holds sequence " + c.syncSequence());
                }
                if (!ids.add(c.messageId())) {
                    errors.add(m.account() + ": message " + c.messageId() + " twice in the inbox (sequence " + c.syncSequence() + ")");
                }
                if (c.content().startsWith("fault-")) {
                    contents.computeIfAbsent(c.content(), k -> new ArrayList<>()).add(c);
                }
            }
            byContent.put(m.userId(), contents);
        }

        Set<String> sentContents = new HashSet<>();
        Map<Long, String> messageIds = new HashMap<>();
        for (Sent s : sends) {
            sentContents.add(s.content);
            if (s.ack == null) {
                errors.add("never acknowledged: " + s);
                continue;
            }
            for (long owner : s.owners) {
                List<InboxMessage> copies = byContent.getOrDefault(owner, Map.of()).getOrDefault(s.content, List.of());
                if (!s.ok()) {
                    if (!copies.isEmpty()) {
                        errors.add("failed send stored anyway (" + copies.size() + " copies for user " + owner + "): " + s);
                    }
                    continue;
                }
                if (copies.size() != 1) {
                    errors.add("acknowledged send has " + copies.size() + " copies in the inbox of user " + owner + ": " + s);
                    continue;
                }
                InboxMessage copy = copies.getFirst();
                if (copy.messageId() != s.ack.messageId()) {
                    errors.add("user " + owner + " holds message " + copy.messageId() + " for " + s);
                }
                if (owner == s.sender.userId() && copy.syncSequence() != s.ack.syncSequence()) {
                    errors.add("the sender's copy is at sequence " + copy.syncSequence() + ", acknowledged " + s);
                }
            }
            if (s.ok()) {
                String other = messageIds.put(s.ack.messageId(), s.content);
                if (other != null) {
                    errors.add("message id " + s.ack.messageId() + " acknowledged for two sends: " + other + " and " + s);
                }
            }
        }
        byContent.forEach((owner, contents) -> contents.keySet().stream()
                .filter(c -> !sentContents.contains(c))
                .forEach(c -> errors.add("user " + owner + " holds a message nobody sent: " + c)));

        for (Device d : devices) {
            errors.addAll(d.recorder().violations());
            List<InboxMessage> server = inboxes.get(d.userId());
            List<InboxMessage> handed = d.recorder().messages();
            if (!keys(handed).equals(keys(server))) {
                errors.add(d.recorder().name() + ": handed " + handed.size() + " messages (last "
                        + d.recorder().lastSequence() + "), the inbox holds " + server.size() + firstDifference(handed, server));
            }
        }
        assertThat(errors.subList(0, Math.min(SHOWN, errors.size())))
                .as("%d findings (at most %d shown)", errors.size(), SHOWN).isEmpty();
    }

    /** Every send acknowledged before the fault is in its sender's inbox now, at the same place. */
    static void assertStillPresent(World world, Collection<Sent> ackedBefore) {
        Map<Long, Map<Long, Long>> seqToId = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Sent s : ackedBefore) {
            Map<Long, Long> inbox = seqToId.computeIfAbsent(s.sender.userId(), u -> {
                Map<Long, Long> m = new HashMap<>();
                world.inbox(s.sender.member()).forEach(c -> m.put(c.syncSequence(), c.messageId()));
                return m;
            });
            Long id = inbox.get(s.ack.syncSequence());
            if (id == null || id != s.ack.messageId()) {
                errors.add("acknowledged before the fault but gone: " + s + " (sequence holds " + id + ")");
            }
        }
        assertThat(errors).as("acknowledged sends lost").isEmpty();
    }

    private static List<String> keys(List<InboxMessage> messages) {
        return messages.stream().map(m -> m.syncSequence() + ":" + m.messageId()).toList();
    }

    private static String firstDifference(List<InboxMessage> handed, List<InboxMessage> server) {
        List<String> a = keys(handed);
        List<String> b = keys(server);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "; first difference at index " + i + ": handed " + a.get(i) + ", inbox " + b.get(i);
            }
        }
        return "";
    }

    /**
     * Directly in the database: no message without its inbox rows and no inbox row without its message; every
     * test message once, with exactly its copies (2 for 1:1, one per member for a group); every counter equals
     * its inbox's row count and newest sequence.
     */
    static void assertDatabaseConsistent(String jdbcUrl, String user, String password) throws SQLException {
        List<String> errors = new ArrayList<>();
        try (Connection c = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, password);
             Statement st = c.createStatement()) {
            collect(st, "SELECT m.id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM inbox i WHERE i.message_id = m.id)",
                    r -> "message " + r.getLong(1) + " has no inbox row", errors);
            collect(st, "SELECT i.user_id, i.seq, i.message_id FROM inbox i WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = i.message_id)",
                    r -> "inbox row " + r.getLong(1) + "/" + r.getLong(2) + " points at missing message " + r.getLong(3), errors);
            collect(st, "SELECT content, COUNT(*) FROM messages WHERE content LIKE 'fault-%' GROUP BY content HAVING COUNT(*) > 1",
                    r -> "stored " + r.getLong(2) + " times: " + r.getString(1), errors);
            collect(st, "SELECT m.id, m.receiver_type, COUNT(i.user_id),"
                            + " (SELECT COUNT(*) FROM group_members g WHERE g.group_id = m.receiver_id)"
                            + " FROM messages m LEFT JOIN inbox i ON i.message_id = m.id WHERE m.content LIKE 'fault-%'"
                            + " GROUP BY m.id, m.receiver_type, m.receiver_id",
                    r -> {
                        long expected = r.getInt(2) == 1 ? 2 : r.getLong(4);
                        return r.getLong(3) == expected ? null
                                : "message " + r.getLong(1) + " has " + r.getLong(3) + " inbox rows, expected " + expected;
                    }, errors);
            collect(st, "SELECT c.user_id, c.last_sequence, COUNT(i.seq), COALESCE(MAX(i.seq), 0) FROM inbox_counters c"
                            + " LEFT JOIN inbox i ON i.user_id = c.user_id GROUP BY c.user_id, c.last_sequence",
                    r -> r.getLong(2) == r.getLong(3) && r.getLong(2) == r.getLong(4) ? null
                            : "user " + r.getLong(1) + ": counter " + r.getLong(2) + ", " + r.getLong(3) + " rows, newest " + r.getLong(4),
                    errors);
        }
        assertThat(errors).as("database findings").isEmpty();
    }

    private interface Row {
        String finding(ResultSet r) throws SQLException;
    }

    private static void collect(Statement st, String sql, Row row, List<String> errors) throws SQLException {
        try (ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                String finding = row.finding(r);
                if (finding != null) {
                    errors.add(finding);
                }
            }
        }
    }
}
