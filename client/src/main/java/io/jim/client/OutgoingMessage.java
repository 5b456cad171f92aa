package io.jim.client;

import java.util.List;
import java.util.Objects;

/**
 * A message to send over a {@link JimSession}; the session adds the {@code send_sequence}.
 *
 * @param receiverType {@link ReceiverType#USER} or {@link ReceiverType#GROUP}
 * @param receiverId   the user or group id
 * @param type         the content kind ({@link ContentType})
 * @param content      the content (text, or JSON describing media)
 * @param toUserIds    users mentioned in a group message (may be empty)
 */
public record OutgoingMessage(int receiverType, long receiverId, int type, String content, List<Long> toUserIds) {

    /** Copies the mention list and rejects missing values (the server judges everything else). */
    public OutgoingMessage {
        Objects.requireNonNull(content, "content");
        toUserIds = List.copyOf(Objects.requireNonNull(toUserIds, "toUserIds"));
    }

    /** A text message to a user (a friend). */
    public static OutgoingMessage textToUser(long userId, String text) {
        return new OutgoingMessage(ReceiverType.USER, userId, ContentType.TEXT, text, List.of());
    }

    /** A text message to a group. */
    public static OutgoingMessage textToGroup(long groupId, String text) {
        return new OutgoingMessage(ReceiverType.GROUP, groupId, ContentType.TEXT, text, List.of());
    }
}
