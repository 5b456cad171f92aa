package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SendResult;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MessageSendProcessorTest {

    private static final Principal SENDER = new Principal(UserId.of(10), DeviceId.of(11));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    private MessageSendACK process(SendMessageUseCase useCase, MessageSend send) {
        return new MessageSendProcessor(useCase, new TcpMetrics(meters)).process(SENDER, send);
    }

    private static MessageSend send(long sendSequence) {
        return MessageSend.newBuilder().setReceiverType(1).setReceiverId(20).setType(1).setContent("hello")
                .setSendSequence(sendSequence).setSendTime(123).addToUserIds(7).addToUserIds(8).build();
    }

    @Test
    void sendShouldPassTheRawValuesAndAnswerWithTheReceipt() {
        AtomicReference<SendMessageCommand> seen = new AtomicReference<>();
        MessageSendACK ack = process(command -> {
            seen.set(command);
            return Stubs.receiptFor(3);
        }, send(3));

        SendMessageCommand command = seen.get();
        assertThat(command.sender()).isEqualTo(SENDER);
        assertThat(command.receiverType()).isEqualTo(1);
        assertThat(command.receiverId()).isEqualTo(20);
        assertThat(command.type()).isEqualTo(1);
        assertThat(command.content()).isEqualTo("hello");
        assertThat(command.sendSequence().value()).isEqualTo(3);
        assertThat(command.toUserIds()).containsExactly(7L, 8L);

        assertThat(ack).isEqualTo(MessageSendACK.newBuilder().setSendSequence(3).setCode(0).setMessageId(1003)
                .setSyncSequence(3).setSendTime(Stubs.SERVER_TIME.toEpochMilli() + 3).build());
        assertThat(meters.get("jim.tcp.sends").tag("code", "0").counter().count()).isEqualTo(1);
        assertThat(meters.get("jim.tcp.send.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void retransmissionShouldBeAnsweredWithTheOriginalReceipt() {
        SendResult original = Stubs.receiptFor(4);
        MessageSendACK ack = process(command -> new SendResult(original.receipt(), true), send(4));

        assertThat(ack.getCode()).isZero();
        assertThat(ack.getMessageId()).isEqualTo(original.receipt().messageId().value());
        assertThat(ack.getSyncSequence()).isEqualTo(original.receipt().senderSequence().value());
        assertThat(ack.getSendTime()).isEqualTo(original.receipt().sendTime().toEpochMilli());
    }

    @Test
    void sendSequenceZeroShouldBeRefusedWithCode5WithoutCallingTheUseCase() {
        MessageSendACK ack = process(command -> {
            throw new AssertionError("must not be called");
        }, send(0));

        assertThat(ack.getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(ack.getSendSequence()).isZero();
        assertThat(ack.getMessage()).contains("send_sequence");
    }

    @Test
    void negativeSendSequenceShouldBeRefusedWithCode5() {
        assertThat(process(Stubs.SEND, send(-1)).getCode()).isEqualTo(ResultCode.INVALID_ARGUMENT);
    }

    @Test
    void ruleViolationShouldBeAnsweredWithItsWireCodeAndMessage() {
        MessageSendACK ack = process(command -> {
            throw new DomainException(ErrorCode.NOT_FRIENDS, "not a friend");
        }, send(5));

        assertThat(ack).isEqualTo(MessageSendACK.newBuilder().setSendSequence(5).setCode(ResultCode.NOT_FRIENDS).setMessage("not a friend").build());
        assertThat(meters.get("jim.tcp.sends").tag("code", "2").counter().count()).isEqualTo(1);
    }

    @Test
    void tooLargeContentShouldBeAnsweredWithCode10() {
        assertThat(process(command -> {
            throw new DomainException(ErrorCode.TOO_LARGE, "content over 16384 bytes");
        }, send(6)).getCode()).isEqualTo(ResultCode.TOO_LARGE);
    }

    @Test
    void unavailableStorageShouldBeAnsweredWithCode11() {
        MessageSendACK ack = process(command -> {
            throw new UnavailableException("db down", new SQLException("connection refused"));
        }, send(7));

        assertThat(ack.getCode()).isEqualTo(ResultCode.UNAVAILABLE);
        assertThat(ack.getSendSequence()).isEqualTo(7);
        assertThat(ack.getMessageId()).isZero();
    }

    @Test
    void unexpectedFailureShouldBeAnsweredWithCode1() {
        MessageSendACK ack = process(command -> {
            throw new IllegalStateException("bug");
        }, send(8));

        assertThat(ack.getCode()).isEqualTo(ResultCode.INTERNAL);
        assertThat(ack.getMessage()).doesNotContain("bug");
    }

    @Test
    void successShouldPutTheMessageIdIntoTheMdc() {
        MDC.clear();
        process(Stubs.SEND, send(9));

        assertThat(MDC.get(Mdc.MESSAGE_ID)).isEqualTo("1009");
        MDC.clear();
    }

    @Test
    void mentionsShouldBePassedInOrder() {
        AtomicReference<List<Long>> mentions = new AtomicReference<>();
        process(command -> {
            mentions.set(command.toUserIds());
            return Stubs.receiptFor(1);
        }, MessageSend.newBuilder().setReceiverType(2).setReceiverId(3).setType(1).setContent("x").setSendSequence(1)
                .addAllToUserIds(List.of(3L, 1L, 2L)).build());

        assertThat(mentions.get()).containsExactly(3L, 1L, 2L);
    }
}
