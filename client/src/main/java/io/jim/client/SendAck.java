package io.jim.client;

import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;

import java.util.Objects;

/**
 * The server's answer to one send (a MessageSendACK, or the HTTP send answer).
 *
 * @param sendSequence the send_sequence the send carried
 * @param code         the result code (0 = stored; see {@link ResultCode})
 * @param message      the server's text for people ("" on success)
 * @param messageId    the stored message's id (0 on failure)
 * @param syncSequence the sequence of the sender's own inbox copy (0 on failure)
 * @param sendTime     the server's send time in epoch milliseconds (0 on failure)
 */
public record SendAck(long sendSequence, int code, String message, long messageId, long syncSequence, long sendTime) {

    /** Rejects a missing message text (use "" for none). */
    public SendAck {
        Objects.requireNonNull(message, "message");
    }

    /** Whether the message was stored (code 0). */
    public boolean ok() {
        return code == ResultCode.OK;
    }

    static SendAck from(MessageSendACK ack) {
        return new SendAck(ack.getSendSequence(), ack.getCode(), ack.getMessage(), ack.getMessageId(),
                ack.getSyncSequence(), ack.getSendTime());
    }
}
