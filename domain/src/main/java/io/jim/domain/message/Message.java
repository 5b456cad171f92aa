package io.jim.domain.message;

import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One message, stored once; every inbox copy ({@link InboxEntry}) points at it. */
public record Message(
        MessageId id,
        Sender sender,
        Receiver receiver,
        MessageType type,
        String content,
        List<UserId> mentions,
        Instant sendTime) {

    /** Most users one group message may mention (@). */
    public static final int MAX_MENTIONS = 100;

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sendTime, "sendTime");
        mentions = List.copyOf(mentions);
        if (mentions.size() > MAX_MENTIONS) {
            throw DomainException.invalid("to_user_ids", "at most " + MAX_MENTIONS + " users may be mentioned");
        }
    }

    /** The content's size as the limit counts it: UTF-8 bytes. */
    public static int contentBytes(String content) {
        return ContentSize.utf8Bytes(content);
    }
}
