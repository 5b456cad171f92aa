package io.jim.application.service.message;

import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.config.Limits;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.message.AdminPushCommand;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.Sender;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AdminPushServiceTest {

    private final InMemoryJim jim = new InMemoryJim(new Limits(10, 2000));
    private final Session alice = jim.signUp("alice");
    private final Session bob = jim.signUp("bob");
    private final Session carol = jim.signUp("carol");

    private AdminPushCommand to(Receiver receiver, int type, String content) {
        return new AdminPushCommand(Optional.of(receiver), List.of(), type, content);
    }

    private AdminPushCommand toList(List<UserId> users, int type, String content) {
        return new AdminPushCommand(Optional.empty(), users, type, content);
    }

    private Message last(Session s) {
        return jim.inbox().inboxOf(s.userId()).getLast().message();
    }

    @Test
    void aPushToAUserShouldBeStoredOnlyInThatInboxAsABusinessMessageAndPushedToAllItsDevices() {
        MessageId id = jim.adminPush().push(to(new Receiver.User(bob.userId()), 1, "promo"));

        Message message = last(bob);
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.sender()).isEqualTo(Sender.BUSINESS);
        assertThat(message.receiver()).isEqualTo(new Receiver.User(bob.userId()));
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.sendTime()).isEqualTo(jim.clock().instant());
        assertThat(jim.inbox().inboxOf(alice.userId())).isEmpty();
        assertThat(jim.gateway().deliveries()).singleElement().satisfies(d -> {
            assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE);
            assertThat(d.entries()).extracting(InboxEntry::owner).containsExactly(bob.userId());
        });
    }

    @Test
    void aPushToAGroupShouldReachEveryMember() {
        Group group = jim.createGroup(alice, "team", bob);
        jim.gateway().clear();

        MessageId id = jim.adminPush().push(to(new Receiver.Group(group.id()), 8, "{}"));

        assertThat(last(alice).id()).isEqualTo(id);
        assertThat(last(bob).id()).isEqualTo(id);
        assertThat(last(bob).receiver()).isEqualTo(new Receiver.Group(group.id()));
        assertThat(jim.inbox().inboxOf(carol.userId())).isEmpty();
        assertThat(jim.gateway().deliveredEntries()).extracting(InboxEntry::owner)
                .containsExactlyInAnyOrder(alice.userId(), bob.userId());
    }

    @Test
    void aPushToAListShouldBeOneMessageWithACopyForEachListedUser() {
        MessageId id = jim.adminPush().push(toList(List.of(carol.userId(), alice.userId(), carol.userId()), 1, "hi"));

        assertThat(last(alice).id()).isEqualTo(id);
        assertThat(last(carol).id()).isEqualTo(id);
        assertThat(jim.inbox().inboxOf(carol.userId())).hasSize(1);
        assertThat(jim.inbox().inboxOf(bob.userId())).isEmpty();
        assertThat(last(alice).receiver()).isEqualTo(new Receiver.User(UserId.NONE));
    }

    @Test
    void theCommandTypeShouldBeInvalid() {
        invalid("type", () -> jim.adminPush().push(to(new Receiver.User(bob.userId()), 7, "{}")));
        invalid("type", () -> jim.adminPush().push(to(new Receiver.User(bob.userId()), 9, "{}")));
        assertThat(jim.inbox().inboxOf(bob.userId())).isEmpty();
    }

    @Test
    void contentOverTheLimitShouldBeTooLarge() {
        refused(ErrorCode.TOO_LARGE, () -> jim.adminPush().push(to(new Receiver.User(bob.userId()), 1, "12345678901")));
    }

    @Test
    void anUnknownUserOrGroupReceiverShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.adminPush().push(to(new Receiver.User(UserId.of(99_999)), 1, "x")));
        refused(ErrorCode.NOT_FOUND, () -> jim.adminPush().push(to(new Receiver.Group(GroupId.of(99_999)), 1, "x")));
    }

    @Test
    void unknownUsersInAListShouldBeInvalidNamingThemAndStoreNothing() {
        DomainException e = invalid("user_ids",
                () -> jim.adminPush().push(toList(List.of(alice.userId(), UserId.of(66_666)), 1, "x")));

        assertThat(e.getMessage()).contains("66666");
        assertThat(jim.inbox().inboxOf(alice.userId())).isEmpty();
    }

    @Test
    void anEmptyListWithoutReceiverShouldBeInvalid() {
        invalid("user_ids", () -> jim.adminPush().push(toList(List.of(), 1, "x")));
    }

    @Test
    void aReceiverAndAListTogetherShouldBeInvalid() {
        invalid("user_ids", () -> jim.adminPush().push(new AdminPushCommand(Optional.of(new Receiver.User(bob.userId())),
                List.of(alice.userId()), 1, "x")));
    }

    @Test
    void aListOverTheMaximumShouldBeInvalid() {
        List<UserId> many = LongStream.rangeClosed(1, AdminPushService.MAX_USERS + 1).mapToObj(UserId::of).toList();

        invalid("user_ids", () -> jim.adminPush().push(toList(many, 1, "x")));
    }
}
