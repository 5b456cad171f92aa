package io.jim.application.port.in.message;

import io.jim.application.port.in.account.Principal;
import io.jim.domain.message.SendSequence;
import java.util.List;
import java.util.Objects;

/** A message send as the client gave it (raw wire values; the service validates them in the order of PROTOCOL.md 4.3). */
public record SendMessageCommand(Principal sender, int receiverType, long receiverId, int type, String content, SendSequence sendSequence, List<Long> toUserIds) {

    public SendMessageCommand {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sendSequence, "sendSequence");
        toUserIds = List.copyOf(toUserIds);
    }
}
