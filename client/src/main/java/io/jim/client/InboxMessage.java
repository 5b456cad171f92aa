package io.jim.client;

import io.jim.proto.MessageItem;

import java.util.List;
import java.util.Objects;

/**
 * One copy of a message in the signed-in user's inbox (a MessageItem), as handed to the application.
 *
 * @param messageId      the message's id, shared by all its copies
 * @param senderType     {@link SenderType}
 * @param senderId       the sending user (0 for business and system messages)
 * @param senderDeviceId the sending device (0 for business and system messages)
 * @param receiverType   {@link ReceiverType}
 * @param receiverId     the original receiver: the peer or the owner for 1:1, the group for groups
 * @param type           the content kind ({@link ContentType})
 * @param content        the content
 * @param syncSequence   this copy's position in the owner's inbox (1, 2, 3 ...)
 * @param sendTime       the server's send time in epoch milliseconds
 * @param toUserIds      users mentioned in a group message
 */
public record InboxMessage(long messageId, int senderType, long senderId, long senderDeviceId, int receiverType,
                           long receiverId, int type, String content, long syncSequence, long sendTime,
                           List<Long> toUserIds) {

    /** Normalises missing values so that a JSON answer without optional fields still makes a valid record. */
    public InboxMessage {
        content = Objects.requireNonNullElse(content, "");
        toUserIds = toUserIds == null ? List.of() : List.copyOf(toUserIds);
    }

    /** The application-facing form of a wire item. */
    public static InboxMessage from(MessageItem item) {
        return new InboxMessage(item.getMessageId(), item.getSenderType(), item.getSenderId(),
                item.getSenderDeviceId(), item.getReceiverType(), item.getReceiverId(), item.getType(),
                item.getContent(), item.getSyncSequence(), item.getSendTime(), item.getToUserIdsList());
    }
}
