package io.jim.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.domain.device.DeviceType;
import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.ContentSize;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.message.SendSequence;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.shared.Text;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void accountShouldBeStoredInLowerCaseAndValidated() {
        assertThat(Account.of("Alice.B+1@x").value()).isEqualTo("alice.b+1@x");
        assertThatThrownBy(() -> Account.of("ab")).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).field()).contains("account"));
        assertThatThrownBy(() -> Account.of("a b c")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Account.of("x".repeat(33))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Account.of("'; DROP TABLE users;--")).isInstanceOf(DomainException.class);
    }

    @Test
    void passwordShouldBeEightToSeventyTwoCharactersAndNeverPrinted() {
        assertThatThrownBy(() -> new Password("short")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new Password("x".repeat(73))).isInstanceOf(DomainException.class);
        assertThat(new Password("correct horse").toString()).doesNotContain("horse");
    }

    @Test
    void idsAndSequencesShouldRejectNegativeValues() {
        assertThatThrownBy(() -> UserId.of(-1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> InboxSequence.of(-1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> SendSequence.of(-5)).isInstanceOf(DomainException.class);
        assertThat(InboxSequence.of(4).next()).isEqualTo(InboxSequence.of(5));
        assertThat(SendSequence.NONE.isNumbered()).isFalse();
        assertThat(SendSequence.of(1).isNumbered()).isTrue();
    }

    @Test
    void ackedSequenceShouldNeverMoveBackwardsNorPastTheNewest() {
        AckedSequence acked = AckedSequence.NONE.advance(InboxSequence.of(5), InboxSequence.of(10));
        assertThat(acked.value()).isEqualTo(InboxSequence.of(5));
        assertThat(acked.advance(InboxSequence.of(3), InboxSequence.of(10)).value()).isEqualTo(InboxSequence.of(5));
        assertThat(acked.advance(InboxSequence.of(99), InboxSequence.of(10)).value()).isEqualTo(InboxSequence.of(10));
    }

    @Test
    void messageTypeShouldAcceptKnownKindsAndRejectTheRest() {
        assertThat(MessageType.of(1)).isEqualTo(MessageType.TEXT);
        assertThat(MessageType.of(8).code()).isEqualTo(8);
        assertThat(MessageType.of(1000).code()).isEqualTo(1000);
        assertThatThrownBy(() -> MessageType.of(0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> MessageType.of(9)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> MessageType.of(999)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> MessageType.sendable(7))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void receiverTypesShouldMapTheirWireCodes() {
        assertThat(ReceiverType.fromCode(1)).contains(ReceiverType.USER);
        assertThat(ReceiverType.fromCode(2)).contains(ReceiverType.GROUP);
        assertThat(ReceiverType.fromCode(3)).isEmpty();
        assertThat(Receiver.of(ReceiverType.GROUP, 9).idValue()).isEqualTo(9);
        assertThat(DeviceType.fromCode(5)).isEqualTo(DeviceType.WEB);
        assertThatThrownBy(() -> DeviceType.fromCode(7)).isInstanceOf(DomainException.class);
    }

    @Test
    void contentSizeShouldCountUtf8Bytes() {
        for (String s : new String[] {"", "abc", "héllo", "日本語", "👋🏽 hi", "\uD800 lone surrogate"}) {
            int expected = s.getBytes(StandardCharsets.UTF_8).length;
            assertThat(ContentSize.utf8Bytes(s)).as(s).isEqualTo(expected);
        }
    }

    @Test
    void textFieldsShouldBeBoundedAndFreeOfControlCharacters() {
        assertThat(Text.bounded("nickname", "Zoë 🎉", 1, 32)).isEqualTo("Zoë 🎉");
        assertThat(Text.bounded("label", null, 0, 32)).isEmpty();
        assertThatThrownBy(() -> Text.bounded("nickname", "", 1, 32)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Text.bounded("nickname", "a\u0000b", 1, 32)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new Profile("x".repeat(33), Sex.UNKNOWN, "", "{}"))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).field()).contains("nickname"));
        assertThatThrownBy(() -> new Profile("ok", Sex.UNKNOWN, "", "{\"a\":\"" + "x".repeat(5000) + "\"}"))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void domainExceptionsShouldCarryNoStackTrace() {
        assertThat(DomainException.conflict("x").getStackTrace()).isEmpty();
    }
}
