package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.MESSAGES;

import io.jim.domain.device.DeviceId;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.message.Sender;
import io.jim.domain.message.SenderType;
import io.jim.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Insert;
import org.jooq.Record;

/** Mapping between rows and domain values, shared by the repositories; generated records stop here. */
final class Rows {

    private Rows() {
    }

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** What a stored instant reads back as: times are kept to the millisecond (the wire's unit). */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String mentions(List<UserId> users) {
        return users.stream().map(u -> Long.toString(u.value())).collect(Collectors.joining(","));
    }

    static List<UserId> mentions(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<UserId> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(UserId.of(Long.parseLong(part)));
        }
        return out;
    }

    /** A message from a row holding the {@code messages} columns. */
    static Message message(Record r) {
        SenderType senderType = SenderType.fromCode(r.get(MESSAGES.SENDER_TYPE))
                .orElseThrow(() -> new IllegalStateException("unknown sender_type in message " + r.get(MESSAGES.ID)));
        ReceiverType receiverType = ReceiverType.fromCode(r.get(MESSAGES.RECEIVER_TYPE))
                .orElseThrow(() -> new IllegalStateException("unknown receiver_type in message " + r.get(MESSAGES.ID)));
        return new Message(
                MessageId.of(r.get(MESSAGES.ID)),
                new Sender(senderType, UserId.of(r.get(MESSAGES.SENDER_ID)), DeviceId.of(r.get(MESSAGES.SENDER_DEVICE_ID))),
                Receiver.of(receiverType, r.get(MESSAGES.RECEIVER_ID)),
                MessageType.of(r.get(MESSAGES.MESSAGE_TYPE)),
                r.get(MESSAGES.CONTENT),
                mentions(r.get(MESSAGES.TO_USER_IDS)),
                instant(r.get(MESSAGES.SEND_TIME)));
    }

    /**
     * Runs an INSERT and returns the AUTO_INCREMENT id the database generated, through JDBC's
     * generated keys (part of the same round trip). jOOQ's {@code returning()} cannot be used: with the
     * MARIADB dialect it renders {@code RETURNING}, which Connector/J refuses to run as an update.
     */
    static long insertReturningId(DSLContext ctx, Insert<?> insert) {
        String sql = ctx.render(insert);
        List<Object> binds = ctx.extractBindValues(insert);
        return ctx.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < binds.size(); i++) {
                    statement.setObject(i + 1, binds.get(i));
                }
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new IllegalStateException("the database returned no generated id");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }
}
