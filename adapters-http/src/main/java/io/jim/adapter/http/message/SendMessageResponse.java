package io.jim.adapter.http.message;

import io.jim.domain.message.SendReceipt;

/** Answer of POST /api/messages: the stored message and the sequence of the sender's own copy. */
public record SendMessageResponse(long messageId, long syncSequence, long sendTime) {

    public static SendMessageResponse of(SendReceipt r) {
        return new SendMessageResponse(r.messageId().value(), r.senderSequence().value(), r.sendTime().toEpochMilli());
    }
}
