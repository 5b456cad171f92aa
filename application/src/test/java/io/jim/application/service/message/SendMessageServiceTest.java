package io.jim.application.service.message;

import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.Limits;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.fake.RecordingDeliveryGateway.Delivery;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendResult;
import io.jim.domain.group.Group;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendMessageServiceTest {

    private static final int USER = 1;
    private static final int GROUP = 2;
    private static final int TEXT = 1;
    private static final int COMMAND = 7;
    private static final int LIMIT = 10;

    private final InMemoryJim jim = new InMemoryJim(new Limits(LIMIT, 2000));
    private final Session alice = jim.signUp("alice");
    private final Session alicePhone = jim.anotherDevice(alice);
    private final Session bob = jim.signUp("bob");
    private final Session carol = jim.signUp("carol");
    private final Session stranger = jim.signUp("stranger");
    private Group group;

    @BeforeEach
    void setUp() {
        jim.makeFriends(alice, bob);
        group = jim.createGroup(alice, "team", bob, carol);
        jim.gateway().clear();
        jim.clock().set(Instant.parse("2025-03-01T10:00:00.123456789Z"));
    }

    private SendResult send(Session from, int receiverType, long receiverId, int type, String content, long seq) {
        return send(from, receiverType, receiverId, type, content, seq, List.of());
    }

    private SendResult send(Session from, int receiverType, long receiverId, int type, String content, long seq,
            List<Long> mentions) {
        return jim.sendMessage().send(new SendMessageCommand(from.principal(), receiverType, receiverId, type, content,
                SendSequence.of(seq), mentions));
    }

    private SendResult toBob(String content, long seq) {
        return send(alice, USER, bob.userId().value(), TEXT, content, seq);
    }

    private List<InboxEntry> inbox(Session s) {
        return jim.inbox().inboxOf(s.userId());
    }

    private int stored() {
        return jim.inbox().messageCount();
    }

    // ----- storing and pushing -----

    @Test
    void aDirectMessageShouldBeStoredOnceWithACopyInTheSendersAndTheReceiversInbox() {
        InboxSequence aliceBefore = jim.inbox().newest(alice.userId());
        InboxSequence bobBefore = jim.inbox().newest(bob.userId());

        SendResult result = toBob("hi", 1);

        assertThat(result.retransmission()).isFalse();
        InboxEntry alicesCopy = inbox(alice).getLast();
        InboxEntry bobsCopy = inbox(bob).getLast();
        assertThat(alicesCopy.sequence()).isEqualTo(aliceBefore.next());
        assertThat(bobsCopy.sequence()).isEqualTo(bobBefore.next());
        assertThat(alicesCopy.message()).isSameAs(bobsCopy.message());
        assertThat(result.receipt().messageId()).isEqualTo(alicesCopy.message().id());
        assertThat(result.receipt().senderSequence()).isEqualTo(alicesCopy.sequence());
        assertThat(inbox(carol).getLast().message().type()).isEqualTo(MessageType.COMMAND);
    }

    @Test
    void theServerShouldStampSenderReceiverAndSendTimeInWholeMilliseconds() {
        SendResult result = send(alice, USER, bob.userId().value(), 1000, "{\"k\":1}", 1, List.of(bob.userId().value()));

        Message message = inbox(bob).getLast().message();
        assertThat(message.sender()).isEqualTo(Sender.user(alice.userId(), alice.deviceId()));
        assertThat(message.receiver()).isEqualTo(new Receiver.User(bob.userId()));
        assertThat(message.type()).isEqualTo(MessageType.of(1000));
        assertThat(message.content()).isEqualTo("{\"k\":1}");
        assertThat(message.mentions()).containsExactly(bob.userId());
        assertThat(message.sendTime()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
        assertThat(result.receipt().sendTime()).isEqualTo(message.sendTime());
    }

    @Test
    void theCopiesShouldBePushedAfterCommitToEveryDeviceExceptTheSendingOne() {
        SendResult result = toBob("hi", 1);

        List<Delivery> deliveries = jim.gateway().deliveries();
        assertThat(deliveries).hasSize(1);
        Delivery delivery = deliveries.getFirst();
        assertThat(delivery.exceptDevice()).isEqualTo(alice.deviceId()).isNotEqualTo(alicePhone.deviceId());
        assertThat(delivery.entries()).containsExactly(inbox(alice).getLast(), inbox(bob).getLast());
        assertThat(delivery.entries()).extracting(e -> e.message().id()).containsOnly(result.receipt().messageId());
    }

    @Test
    void aGroupMessageShouldHaveOneCopyPerMemberWithOneMessageIdEachAtItsOwnersNextSequence() {
        InboxSequence bobBefore = jim.inbox().newest(bob.userId());
        InboxSequence carolBefore = jim.inbox().newest(carol.userId());

        SendResult result = send(bob, GROUP, group.id().value(), TEXT, "hello all", 1, List.of(carol.userId().value()));

        assertThat(inbox(carol).getLast().sequence()).isEqualTo(carolBefore.next());
        assertThat(inbox(bob).getLast().sequence()).isEqualTo(bobBefore.next());
        assertThat(result.receipt().senderSequence()).isEqualTo(bobBefore.next());
        for (Session member : List.of(alice, bob, carol)) {
            Message message = inbox(member).getLast().message();
            assertThat(message.id()).isEqualTo(result.receipt().messageId());
            assertThat(message.receiver()).isEqualTo(new Receiver.Group(group.id()));
            assertThat(message.mentions()).containsExactly(carol.userId());
        }
        assertThat(inbox(stranger)).isEmpty();
        assertThat(jim.gateway().deliveries()).singleElement().satisfies(d -> {
            assertThat(d.exceptDevice()).isEqualTo(bob.deviceId());
            assertThat(d.entries()).extracting(InboxEntry::owner)
                    .containsExactlyInAnyOrder(alice.userId(), bob.userId(), carol.userId());
        });
    }

    @Test
    void successiveSendsShouldGetContiguousSequencesInEveryInbox() {
        InboxSequence first = jim.inbox().newest(bob.userId());

        LongStream.rangeClosed(1, 5).forEach(seq -> toBob("m" + seq, seq));
        send(carol, GROUP, group.id().value(), TEXT, "g", 1);

        assertThat(jim.inbox().read(bob.userId(), first, 100)).extracting(e -> e.sequence().value())
                .containsExactly(first.value() + 1, first.value() + 2, first.value() + 3, first.value() + 4,
                        first.value() + 5, first.value() + 6);
    }

    @Test
    void contentAtExactlyTheLimitInUtf8BytesShouldBeAccepted() {
        assertThat(toBob("€€€a", 1).retransmission()).isFalse(); // 3 × 3 bytes + 1 = 10
    }

    // ----- de-duplication -----

    @Test
    void aRetransmissionShouldGetTheOriginalReceiptAndStoreAndPushNothing() {
        SendResult original = toBob("hi", 1);
        int messages = stored();
        jim.clock().set(Instant.parse("2025-03-01T11:00:00Z"));

        SendResult again = toBob("hi", 1);

        assertThat(again.retransmission()).isTrue();
        assertThat(again.receipt()).isEqualTo(original.receipt());
        assertThat(stored()).isEqualTo(messages);
        assertThat(jim.gateway().deliveries()).hasSize(1);
    }

    @Test
    void aRetransmissionWithDifferentContentShouldStillGetTheOriginalReceipt() {
        SendResult original = toBob("hi", 1);

        assertThat(toBob("other text", 1).receipt()).isEqualTo(original.receipt());
    }

    @Test
    void aRetransmissionAfterTheFriendshipEndedShouldStillGetTheOriginalReceipt() {
        SendResult original = toBob("hi", 1);
        jim.deleteFriend().delete(bob.userId(), alice.userId());
        jim.gateway().clear();

        SendResult again = toBob("hi", 1);

        assertThat(again.retransmission()).isTrue();
        assertThat(again.receipt()).isEqualTo(original.receipt());
        assertThat(jim.gateway().deliveries()).isEmpty();
        refused(ErrorCode.NOT_FRIENDS, () -> toBob("hi", 2));
    }

    @Test
    void aRetransmissionAfterLeavingTheGroupShouldStillGetTheOriginalReceipt() {
        SendResult original = send(carol, GROUP, group.id().value(), TEXT, "hi", 4);
        jim.removeMember().remove(carol.userId(), group.id(), carol.userId());

        SendResult again = send(carol, GROUP, group.id().value(), TEXT, "hi", 4);

        assertThat(again.receipt()).isEqualTo(original.receipt());
        assertThat(again.retransmission()).isTrue();
    }

    @Test
    void aRetransmissionWithAContentNowTooLargeShouldStillGetTheOriginalReceipt() {
        SendResult original = toBob("hi", 1);

        assertThat(toBob("far too long for the limit", 1).receipt()).isEqualTo(original.receipt());
    }

    @Test
    void theSameNumberFromAnotherDeviceShouldBeANewMessage() {
        SendResult fromLaptop = toBob("hi", 1);

        SendResult fromPhone = send(alicePhone, USER, bob.userId().value(), TEXT, "hi", 1);

        assertThat(fromPhone.retransmission()).isFalse();
        assertThat(fromPhone.receipt().messageId()).isNotEqualTo(fromLaptop.receipt().messageId());
        assertThat(jim.gateway().deliveries().getLast().exceptDevice()).isEqualTo(alicePhone.deviceId());
    }

    @Test
    void aNumberBelowTheHighestAcceptedThatWasNeverUsedShouldBeInvalidAndStoreNothing() {
        toBob("one", 1);
        toBob("five", 5);
        int messages = stored();

        invalid("send_sequence", () -> toBob("three", 3));

        assertThat(stored()).isEqualTo(messages);
        assertThat(jim.gateway().deliveries()).hasSize(2);
    }

    @Test
    void gapsInTheNumberingShouldBeAllowed() {
        toBob("one", 1);

        assertThat(toBob("ten", 10).retransmission()).isFalse();
        assertThat(jim.devices().findById(alice.deviceId()).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.of(10));
    }

    @Test
    void aRefusedSendShouldNotUseUpItsNumber() {
        refused(ErrorCode.TOO_LARGE, () -> toBob("far too long for the limit", 1));

        SendResult accepted = toBob("fits", 1);

        assertThat(accepted.retransmission()).isFalse();
        assertThat(inbox(bob).getLast().message().content()).isEqualTo("fits");
    }

    @Test
    void unnumberedSendsShouldNeverBeDeduplicated() {
        SendResult first = toBob("hi", 0);
        SendResult second = toBob("hi", 0);

        assertThat(second.retransmission()).isFalse();
        assertThat(second.receipt().messageId()).isNotEqualTo(first.receipt().messageId());
        assertThat(jim.devices().findById(alice.deviceId()).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.NONE);
    }

    // ----- validation and its order (PROTOCOL.md 4.3) -----

    @Test
    void anUnknownReceiverTypeShouldBeInvalid() {
        invalid("receiver_type", () -> send(alice, 3, bob.userId().value(), TEXT, "hi", 1));
        invalid("receiver_type", () -> send(alice, 0, bob.userId().value(), TEXT, "hi", 1));
    }

    @Test
    void anUnknownMessageTypeShouldBeInvalid() {
        invalid("type", () -> send(alice, USER, bob.userId().value(), 9, "hi", 1));
        invalid("type", () -> send(alice, USER, bob.userId().value(), 0, "hi", 1));
        invalid("type", () -> send(alice, USER, bob.userId().value(), 999, "hi", 1));
    }

    @Test
    void theCommandTypeShouldBeInvalidForClients() {
        invalid("type", () -> send(alice, USER, bob.userId().value(), COMMAND, "{}", 1));
        invalid("type", () -> send(alice, GROUP, group.id().value(), COMMAND, "{}", 1));
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void moreThanAHundredMentionsShouldBeInvalid() {
        List<Long> mentions = LongStream.rangeClosed(1, 101).boxed().toList();

        invalid("to_user_ids", () -> send(alice, GROUP, group.id().value(), TEXT, "hi", 1, mentions));
        assertThat(send(alice, GROUP, group.id().value(), TEXT, "hi", 1, mentions.subList(0, 100)).retransmission()).isFalse();
    }

    @Test
    void aMessageToSomeoneWhoIsNotAFriendShouldBeNotFriends() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, stranger.userId().value(), TEXT, "hi", 1));
        assertThat(inbox(stranger)).isEmpty();
    }

    @Test
    void aMessageToAnUnknownUserShouldBeNotFriends() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, 424_242, TEXT, "hi", 1));
    }

    @Test
    void aMessageToOneselfShouldBeNotFriends() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, alice.userId().value(), TEXT, "hi", 1));
    }

    @Test
    void aGroupMessageFromANonMemberShouldBeNotInGroup() {
        refused(ErrorCode.NOT_IN_GROUP, () -> send(stranger, GROUP, group.id().value(), TEXT, "hi", 1));
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void aMessageToAnUnknownGroupShouldBeNotInGroup() {
        refused(ErrorCode.NOT_IN_GROUP, () -> send(alice, GROUP, 777_777, TEXT, "hi", 1));
    }

    @Test
    void contentOverTheLimitInUtf8BytesShouldBeTooLarge() {
        refused(ErrorCode.TOO_LARGE, () -> toBob("€€€ab", 1)); // 11 bytes, 5 characters
        refused(ErrorCode.TOO_LARGE, () -> send(alice, GROUP, group.id().value(), TEXT, "12345678901", 1));
    }

    @Test
    void theReceiverTypeShouldBeCheckedBeforeTheMessageType() {
        invalid("receiver_type", () -> send(alice, 9, bob.userId().value(), 9, "hi", 1));
    }

    @Test
    void anUnknownMessageTypeShouldBeRefusedBeforeTheFriendship() {
        invalid("type", () -> send(alice, USER, stranger.userId().value(), 9, "hi", 1));
    }

    @Test
    void theFriendshipShouldBeCheckedBeforeTheContentSize() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, stranger.userId().value(), TEXT, "far too long for the limit", 1));
        refused(ErrorCode.NOT_IN_GROUP, () -> send(stranger, GROUP, group.id().value(), TEXT, "far too long for the limit", 1));
    }

    @Test
    void theContentSizeShouldBeCheckedBeforeTheCommandType() {
        refused(ErrorCode.TOO_LARGE, () -> send(alice, USER, bob.userId().value(), COMMAND, "far too long for the limit", 1));
    }

    @Test
    void theFriendshipShouldBeCheckedBeforeTheCommandType() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, stranger.userId().value(), COMMAND, "{}", 1));
    }

    @Test
    void aRefusedSendShouldStoreAndPushNothing() {
        int messages = stored();

        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, stranger.userId().value(), TEXT, "hi", 1));
        refused(ErrorCode.TOO_LARGE, () -> toBob("far too long for the limit", 2));

        assertThat(stored()).isEqualTo(messages);
        assertThat(jim.gateway().deliveries()).isEmpty();
        assertThat(jim.devices().findById(alice.deviceId()).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.NONE);
    }

    @Test
    void anUnnumberedRefusedSendShouldBeRefused() {
        refused(ErrorCode.NOT_FRIENDS, () -> send(alice, USER, stranger.userId().value(), TEXT, "hi", 0));
    }

    @Test
    void aNegativeReceiverIdShouldBeInvalid() {
        refused(ErrorCode.INVALID_ARGUMENT, () -> send(alice, USER, -1, TEXT, "hi", 1));
    }

    @Test
    void negativeMentionIdsShouldBeInvalid() {
        invalid("to_user_ids", () -> send(alice, USER, bob.userId().value(), TEXT, "hi", 1, List.of(-3L)));
    }

    @Test
    void theSendersUserIdComesFromThePrincipalNotFromTheCommand() {
        toBob("hi", 1);

        assertThat(inbox(bob).getLast().message().sender().userId()).isEqualTo(alice.userId());
        assertThat(inbox(bob).getLast().owner()).isEqualTo(bob.userId());
        assertThat(inbox(bob).getLast().message().receiver().idValue()).isEqualTo(bob.userId().value());
        assertThat(UserId.of(inbox(alice).getLast().message().receiver().idValue())).isEqualTo(bob.userId());
    }
}
