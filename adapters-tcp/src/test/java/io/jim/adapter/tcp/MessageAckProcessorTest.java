package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import io.jim.proto.MessageACK;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MessageAckProcessorTest {

    private static final Principal DEVICE = new Principal(UserId.of(1), DeviceId.of(2));

    @Test
    void ackShouldRecordTheSyncSequenceForTheDevice() {
        AtomicReference<Principal> who = new AtomicReference<>();
        AtomicReference<Long> sequence = new AtomicReference<>();
        new MessageAckProcessor((device, syncSequence) -> {
            who.set(device);
            sequence.set(syncSequence);
        }).process(DEVICE, MessageACK.newBuilder().setMessageId(9).setSyncSequence(17).setReceiveTime(5).build());

        assertThat(who.get()).isEqualTo(DEVICE);
        assertThat(sequence.get()).isEqualTo(17L);
    }

    @Test
    void failuresShouldNotEscapeBecauseAnAckHasNoReply() {
        MessageACK ack = MessageACK.newBuilder().setSyncSequence(-3).build();

        assertThatCode(() -> new MessageAckProcessor((d, s) -> {
            throw DomainException.invalid("sync_sequence", "negative");
        }).process(DEVICE, ack)).doesNotThrowAnyException();
        assertThatCode(() -> new MessageAckProcessor((d, s) -> {
            throw new UnavailableException("down", null);
        }).process(DEVICE, ack)).doesNotThrowAnyException();
        assertThatCode(() -> new MessageAckProcessor((d, s) -> {
            throw new IllegalStateException("bug");
        }).process(DEVICE, ack)).doesNotThrowAnyException();
    }
}
