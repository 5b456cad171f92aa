package io.jim.adapter.http.message;

import io.jim.domain.message.InboxEntry;
import io.jim.domain.user.UserId;
import java.util.List;

/** One inbox copy with the field names of PROTOCOL.md MessageItem. */
public record MessageItemResponse(long messageId, int senderType, long senderId, long senderDeviceId, int receiverType,
        long receiverId, int type, String content, long syncSequence, long sendTime, List<Long> toUserIds) {

    public static MessageItemResponse of(InboxEntry e) {
        var m = e.message();
        return new MessageItemResponse(m.id().value(), m.sender().type().code(), m.sender().userId().value(),
                m.sender().deviceId().value(), m.receiver().type().code(), m.receiver().idValue(), m.type().code(),
                m.content(), e.sequence().value(), m.sendTime().toEpochMilli(),
                m.mentions().stream().map(UserId::value).toList());
    }
}
