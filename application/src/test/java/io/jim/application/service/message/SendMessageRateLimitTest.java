package io.jim.application.service.message;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.Limits;
import io.jim.application.config.RateLimit;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendResult;
import io.jim.domain.message.SendSequence;
import io.jim.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-user send rate (JIM_MAX_SENDS_PER_SECOND_PER_USER): RATE_LIMITED, never at the cost of a send_sequence or an original ack. */
class SendMessageRateLimitTest {

    private static final int USER = 1;
    private static final int TEXT = 1;

    /** One per second, bursts of two. */
    private final InMemoryJim jim = new InMemoryJim(new Limits(16384, 2000, new RateLimit(1, 2)));
    private final Session alice = jim.signUp("alice");
    private final Session alicePhone = jim.anotherDevice(alice);
    private final Session bob = jim.signUp("bob");

    @BeforeEach
    void setUp() {
        jim.makeFriends(alice, bob);
        jim.gateway().clear();
    }

    private SendResult send(Session from, Session to, long seq) {
        return jim.sendMessage().send(new SendMessageCommand(from.principal(), USER, to.userId().value(), TEXT, "hi " + seq,
                SendSequence.of(seq), List.of()));
    }

    private int storedCopies() {
        return jim.inbox().inboxOf(alice.userId()).size();
    }

    @Test
    void sendsPastTheBurstShouldBeRefusedWithRateLimitedAndNotStored() {
        send(alice, bob, 1);
        send(alice, bob, 2);
        int before = storedCopies();

        refused(ErrorCode.RATE_LIMITED, () -> send(alice, bob, 3));

        assertThat(storedCopies()).isEqualTo(before);
        assertThat(jim.gateway().deliveries()).hasSize(2);
    }

    @Test
    void aRateLimitedSendShouldNotUseUpItsSendSequence() {
        send(alice, bob, 1);
        send(alice, bob, 2);
        refused(ErrorCode.RATE_LIMITED, () -> send(alice, bob, 3));

        jim.clock().advance(Duration.ofSeconds(1));
        SendResult retry = send(alice, bob, 3);

        assertThat(retry.retransmission()).isFalse();
        assertThat(retry.receipt().senderSequence().value()).isEqualTo(storedCopies());
    }

    @Test
    void aRetransmissionShouldGetItsOriginalAckEvenWhileTheSenderIsRateLimited() {
        SendResult original = send(alice, bob, 1);
        send(alice, bob, 2);
        refused(ErrorCode.RATE_LIMITED, () -> send(alice, bob, 3));

        SendResult again = send(alice, bob, 1);

        assertThat(again.retransmission()).isTrue();
        assertThat(again.receipt()).isEqualTo(original.receipt());
    }

    @Test
    void theLimitShouldBeSharedByAllDevicesOfAUser() {
        send(alice, bob, 1);
        send(alicePhone, bob, 1);

        refused(ErrorCode.RATE_LIMITED, () -> send(alicePhone, bob, 2));
        refused(ErrorCode.RATE_LIMITED, () -> send(alice, bob, 2));
    }

    @Test
    void anotherUserShouldNotBeLimitedByTheFirstOnesSends() {
        send(alice, bob, 1);
        send(alice, bob, 2);
        refused(ErrorCode.RATE_LIMITED, () -> send(alice, bob, 3));

        assertThat(send(bob, alice, 1).retransmission()).isFalse();
    }

    @Test
    void aRefusedSendShouldNotTakeAToken() {
        for (int i = 0; i < 10; i++) {
            int seq = i + 1;
            refused(ErrorCode.NOT_FRIENDS, () -> jim.sendMessage().send(new SendMessageCommand(alice.principal(), USER, 999_999,
                    TEXT, "x", SendSequence.of(seq), List.of())));
        }
        jim.clock().advance(Duration.ofSeconds(60));

        assertThat(send(alice, bob, 11).retransmission()).isFalse();
        assertThat(send(alice, bob, 12).retransmission()).isFalse();
    }

    @Test
    void offShouldNeverRefuse() {
        InMemoryJim unlimited = new InMemoryJim(new Limits(16384, 2000, RateLimit.OFF));
        Session a = unlimited.signUp("anna");
        Session b = unlimited.signUp("bert");
        unlimited.makeFriends(a, b);
        for (long seq = 1; seq <= 500; seq++) {
            unlimited.sendMessage().send(new SendMessageCommand(a.principal(), USER, b.userId().value(), TEXT, "m", SendSequence.of(seq), List.of()));
        }
        assertThat(unlimited.inbox().inboxOf(b.userId())).hasSizeGreaterThanOrEqualTo(500);
    }
}
