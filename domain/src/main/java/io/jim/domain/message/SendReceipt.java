package io.jim.domain.message;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sender learns once its message is stored: the id, the sequence of the sender's own copy
 * and the server's send time. A retransmission gets the original receipt again.
 */
public record SendReceipt(MessageId messageId, InboxSequence senderSequence, Instant sendTime) {

    public SendReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderSequence, "senderSequence");
        Objects.requireNonNull(sendTime, "sendTime");
    }
}
