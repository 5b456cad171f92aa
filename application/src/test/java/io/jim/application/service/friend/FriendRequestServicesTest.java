package io.jim.application.service.friend;

import static io.jim.application.service.EventAssertions.assertAddressedToOwner;
import static io.jim.application.service.EventAssertions.assertCommand;
import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.fake.RecordingDeliveryGateway.Delivery;
import io.jim.application.port.in.friend.DecideFriendRequestCommand;
import io.jim.application.port.in.friend.Friend;
import io.jim.application.port.in.friend.FriendRequestOutcome;
import io.jim.application.port.in.friend.SendFriendRequestCommand;
import io.jim.domain.device.DeviceId;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FriendRequestServicesTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final Session alice = jim.signUp("alice");
    private final Session bob = jim.signUp("bob");
    private final Session carol = jim.signUp("carol");

    private FriendRequestOutcome ask(Session from, Session to, String message) {
        return jim.sendFriendRequest().send(new SendFriendRequestCommand(from.userId(), to.userId(), message));
    }

    private FriendRequest requested(FriendRequestOutcome outcome) {
        assertThat(outcome).isInstanceOf(FriendRequestOutcome.Requested.class);
        return ((FriendRequestOutcome.Requested) outcome).request();
    }

    private Friend accept(Session by, FriendRequest request, String remark) {
        return jim.acceptFriendRequest().accept(new DecideFriendRequestCommand(by.userId(), request.id(), remark));
    }

    private List<InboxEntry> inbox(Session s) {
        return jim.inbox().inboxOf(s.userId());
    }

    @Test
    void aRequestShouldBeStoredPendingAndAnnouncedToBothUsersWithCommand100() {
        FriendRequest request = requested(ask(alice, bob, "hello \"bob\""));

        assertThat(request.from()).isEqualTo(alice.userId());
        assertThat(request.to()).isEqualTo(bob.userId());
        assertThat(request.status()).isEqualTo(FriendRequestStatus.PENDING);
        assertThat(request.createdAt()).isEqualTo(jim.clock().instant());
        String json = "{\"code\":100,\"data\":{\"request_id\":" + request.id().value() + ",\"from_user_id\":"
                + alice.userId().value() + ",\"to_user_id\":" + bob.userId().value() + ",\"message\":\"hello \\\"bob\\\"\"}}";
        for (Session owner : List.of(alice, bob)) {
            assertThat(inbox(owner)).hasSize(1);
            InboxEntry copy = inbox(owner).getFirst();
            assertThat(copy.sequence()).isEqualTo(InboxSequence.of(1));
            assertCommand(copy.message(), json);
            assertAddressedToOwner(copy);
        }
        assertThat(inbox(alice).getFirst().message().id()).isNotEqualTo(inbox(bob).getFirst().message().id());
        assertThat(inbox(carol)).isEmpty();
    }

    @Test
    void theEventsShouldBePushedAfterCommitToEveryDeviceIncludingTheActingOne() {
        ask(alice, bob, "");

        List<Delivery> deliveries = jim.gateway().deliveries();
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.getFirst().exceptDevice()).isEqualTo(DeviceId.NONE);
        assertThat(deliveries.getFirst().entries()).containsExactlyElementsOf(
                List.of(inbox(alice).getFirst(), inbox(bob).getFirst()));
    }

    @Test
    void aRequestToOneselfShouldBeInvalidOnUserId() {
        invalid("user_id", () -> ask(alice, alice, ""));
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void aRequestToAnUnknownUserShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.sendFriendRequest().send(
                new SendFriendRequestCommand(alice.userId(), UserId.of(987_654), "")));
    }

    @Test
    void aSecondRequestWhileOneIsPendingShouldBeAConflict() {
        ask(alice, bob, "");

        refused(ErrorCode.CONFLICT, () -> ask(alice, bob, "again"));
        assertThat(jim.listFriendRequests().list(bob.userId(), true)).hasSize(1);
        assertThat(inbox(bob)).hasSize(1);
    }

    @Test
    void aRequestBetweenFriendsShouldBeAConflict() {
        jim.makeFriends(alice, bob);

        refused(ErrorCode.CONFLICT, () -> ask(alice, bob, ""));
        refused(ErrorCode.CONFLICT, () -> ask(bob, alice, ""));
    }

    @Test
    void aRequestToSomeoneWhoAskedTheCallerShouldAcceptTheirRequest() {
        FriendRequest bobs = requested(ask(bob, alice, "hi alice"));

        FriendRequestOutcome outcome = ask(alice, bob, "hi bob");

        assertThat(outcome).isInstanceOf(FriendRequestOutcome.BecameFriends.class);
        Friend friend = ((FriendRequestOutcome.BecameFriends) outcome).friend();
        assertThat(friend.user().id()).isEqualTo(bob.userId());
        assertThat(friend.friendship().owner()).isEqualTo(alice.userId());
        assertThat(jim.friends().areFriends(alice.userId(), bob.userId())).isTrue();
        assertThat(jim.friends().areFriends(bob.userId(), alice.userId())).isTrue();
        assertThat(jim.friends().findRequest(bobs.id()).orElseThrow().status()).isEqualTo(FriendRequestStatus.ACCEPTED);
        assertThat(jim.listFriendRequests().list(alice.userId(), true)).isEmpty();
        assertThat(jim.listFriendRequests().list(alice.userId(), false)).isEmpty();
        String json = "{\"code\":101,\"data\":{\"request_id\":" + bobs.id().value() + ",\"from_user_id\":"
                + bob.userId().value() + ",\"to_user_id\":" + alice.userId().value() + "}}";
        for (Session owner : List.of(alice, bob)) {
            assertThat(inbox(owner)).extracting(InboxEntry::sequence).containsExactly(InboxSequence.of(1), InboxSequence.of(2));
            assertCommand(inbox(owner).getLast().message(), json);
            assertAddressedToOwner(inbox(owner).getLast());
        }
    }

    @Test
    void acceptingShouldMakeFriendsBothWaysWithTheReceiversRemarkAndAnnounceCommand101() {
        FriendRequest request = requested(ask(alice, bob, ""));
        jim.clock().advance(Duration.ofMinutes(5));
        jim.gateway().clear();

        Friend friend = accept(bob, request, "Ally");

        assertThat(friend.user().id()).isEqualTo(alice.userId());
        assertThat(friend.friendship().remark()).isEqualTo("Ally");
        assertThat(friend.friendship().since()).isEqualTo(jim.clock().instant());
        assertThat(jim.friends().find(alice.userId(), bob.userId()).orElseThrow().remark()).isEmpty();
        assertThat(jim.friends().findRequest(request.id()).orElseThrow().status()).isEqualTo(FriendRequestStatus.ACCEPTED);
        String json = "{\"code\":101,\"data\":{\"request_id\":" + request.id().value() + ",\"from_user_id\":"
                + alice.userId().value() + ",\"to_user_id\":" + bob.userId().value() + "}}";
        for (Session owner : List.of(alice, bob)) {
            assertCommand(inbox(owner).getLast().message(), json);
            assertThat(inbox(owner).getLast().sequence()).isEqualTo(InboxSequence.of(2));
        }
        assertThat(jim.gateway().deliveries()).singleElement()
                .satisfies(d -> assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE))
                .satisfies(d -> assertThat(d.entries()).hasSize(2));
    }

    @Test
    void onlyTheReceiverMayAccept() {
        FriendRequest request = requested(ask(alice, bob, ""));

        refused(ErrorCode.PERMISSION_DENIED, () -> accept(alice, request, ""));
        refused(ErrorCode.NOT_FOUND, () -> accept(carol, request, ""));
        assertThat(jim.friends().areFriends(alice.userId(), bob.userId())).isFalse();
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        FriendRequest request = requested(ask(alice, bob, ""));
        accept(bob, request, "");

        refused(ErrorCode.CONFLICT, () -> accept(bob, request, ""));
        refused(ErrorCode.CONFLICT, () -> jim.rejectFriendRequest().reject(
                new DecideFriendRequestCommand(bob.userId(), request.id(), null)));
    }

    @Test
    void anUnknownRequestShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.acceptFriendRequest().accept(
                new DecideFriendRequestCommand(bob.userId(), FriendRequestId.of(4242), "")));
    }

    @Test
    void aTooLongRemarkShouldBeInvalidAndAcceptNothing() {
        FriendRequest request = requested(ask(alice, bob, ""));

        invalid("remark", () -> accept(bob, request, "x".repeat(33)));
        assertThat(jim.friends().findRequest(request.id()).orElseThrow().status()).isEqualTo(FriendRequestStatus.PENDING);
    }

    @Test
    void rejectingShouldCloseTheRequestWithoutAnnouncingIt() {
        FriendRequest request = requested(ask(alice, bob, ""));
        int deliveriesBefore = jim.gateway().deliveries().size();

        jim.rejectFriendRequest().reject(new DecideFriendRequestCommand(bob.userId(), request.id(), null));

        assertThat(jim.friends().findRequest(request.id()).orElseThrow().status()).isEqualTo(FriendRequestStatus.REJECTED);
        assertThat(jim.listFriendRequests().list(bob.userId(), true)).isEmpty();
        assertThat(inbox(alice)).hasSize(1);
        assertThat(inbox(bob)).hasSize(1);
        assertThat(jim.gateway().deliveries()).hasSize(deliveriesBefore);
        assertThat(requested(ask(alice, bob, "second try")).id()).isNotEqualTo(request.id());
    }

    @Test
    void onlyTheReceiverMayReject() {
        FriendRequest request = requested(ask(alice, bob, ""));

        refused(ErrorCode.PERMISSION_DENIED, () -> jim.rejectFriendRequest().reject(
                new DecideFriendRequestCommand(alice.userId(), request.id(), null)));
        refused(ErrorCode.NOT_FOUND, () -> jim.rejectFriendRequest().reject(
                new DecideFriendRequestCommand(carol.userId(), request.id(), null)));
    }

    @Test
    void pendingRequestsShouldBeListedByDirectionNewestFirst() {
        FriendRequest fromAlice = requested(ask(alice, carol, ""));
        jim.clock().advance(Duration.ofSeconds(1));
        FriendRequest fromBob = requested(ask(bob, carol, ""));

        assertThat(jim.listFriendRequests().list(carol.userId(), true)).containsExactly(fromBob, fromAlice);
        assertThat(jim.listFriendRequests().list(carol.userId(), false)).isEmpty();
        assertThat(jim.listFriendRequests().list(alice.userId(), false)).containsExactly(fromAlice);
    }
}
