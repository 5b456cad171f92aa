package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SendResult;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import io.jim.domain.shared.DomainException;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns a MessageSend frame into a send use-case call and its MessageSendACK. The use case returns only
 * after commit, so an ack built from its result never announces a copy that could still roll back.
 */
final class MessageSendProcessor {

    private static final Logger log = LoggerFactory.getLogger(MessageSendProcessor.class);

    private final SendMessageUseCase useCase;
    private final TcpMetrics metrics;

    MessageSendProcessor(SendMessageUseCase useCase, TcpMetrics metrics) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Never throws: every outcome, including a bug, becomes an ack with a code. Leaves message_id in the MDC on success. */
    MessageSendACK process(Principal sender, MessageSend send) {
        long start = System.nanoTime();
        MessageSendACK ack = handle(sender, send);
        metrics.send(ack.getCode(), System.nanoTime() - start);
        return ack;
    }

    private MessageSendACK handle(Principal sender, MessageSend send) {
        long sendSequence = send.getSendSequence();
        log.debug("received MessageSend send_sequence={} receiver_type={} receiver_id={} type={}",
                sendSequence, send.getReceiverType(), send.getReceiverId(), send.getType());
        if (sendSequence < 1) {
            // Required over TCP (PROTOCOL.md 4.3): without it a retransmission could not be recognised.
            return failure(sendSequence, ResultCode.INVALID_ARGUMENT, "send_sequence is required and must be at least 1");
        }
        try {
            SendResult result = useCase.send(new SendMessageCommand(sender, send.getReceiverType(), send.getReceiverId(),
                    send.getType(), send.getContent(), SendSequence.of(sendSequence), send.getToUserIdsList()));
            SendReceipt receipt = result.receipt();
            MDC.put(Mdc.MESSAGE_ID, receipt.messageId().toString());
            log.debug("{} send_sequence={} sync_sequence={}", result.retransmission() ? "retransmission answered with the original ack" : "message stored",
                    sendSequence, receipt.senderSequence());
            return MessageSendACK.newBuilder()
                    .setSendSequence(sendSequence)
                    .setCode(ResultCode.OK)
                    .setMessageId(receipt.messageId().value())
                    .setSyncSequence(receipt.senderSequence().value())
                    .setSendTime(receipt.sendTime().toEpochMilli())
                    .build();
        } catch (DomainException e) {
            log.debug("send refused send_sequence={} code={}: {}", sendSequence, e.code(), e.getMessage());
            return failure(sendSequence, WireCodes.of(e.code()), e.getMessage());
        } catch (UnavailableException e) {
            log.warn("send failed, storage unavailable send_sequence={}: {}", sendSequence, e.getMessage());
            return failure(sendSequence, ResultCode.UNAVAILABLE, "storage unavailable; retry with the same send_sequence");
        } catch (RuntimeException e) {
            log.error("send failed unexpectedly send_sequence={}", sendSequence, e);
            return failure(sendSequence, ResultCode.INTERNAL, "internal error");
        }
    }

    private static MessageSendACK failure(long sendSequence, int code, String message) {
        return MessageSendACK.newBuilder().setSendSequence(sendSequence).setCode(code).setMessage(message).build();
    }
}
