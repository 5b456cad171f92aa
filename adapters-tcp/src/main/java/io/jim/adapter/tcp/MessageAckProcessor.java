package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.shared.DomainException;
import io.jim.proto.MessageACK;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a MessageACK frame into an acknowledgement of the device's inbox position (no reply). */
final class MessageAckProcessor {

    private static final Logger log = LoggerFactory.getLogger(MessageAckProcessor.class);

    private final AckInboxUseCase useCase;

    MessageAckProcessor(AckInboxUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    /**
     * Records the position before returning, so it takes effect before the connection's next frame is
     * answered. Never throws: an ack has no reply to carry an error, and a lost ack is harmless (the
     * position only moves forward, and the next ack moves it further).
     */
    void process(Principal device, MessageACK ack) {
        log.debug("received MessageACK message_id={} sync_sequence={}", ack.getMessageId(), ack.getSyncSequence());
        try {
            useCase.ack(device, ack.getSyncSequence());
        } catch (DomainException e) {
            log.debug("MessageACK sync_sequence={} ignored: {}", ack.getSyncSequence(), e.getMessage());
        } catch (UnavailableException e) {
            log.warn("MessageACK sync_sequence={} not recorded, storage unavailable: {}", ack.getSyncSequence(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("MessageACK sync_sequence={} failed unexpectedly", ack.getSyncSequence(), e);
        }
    }
}
