package io.jim.application.service.friend;

import static io.jim.application.service.EventAssertions.assertAddressedToOwner;
import static io.jim.application.service.EventAssertions.assertCommand;
import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.friend.Friend;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.shared.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FriendshipServicesTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final Session alice = jim.signUp("alice");
    private final Session bob = jim.signUp("bob");
    private final Session carol = jim.signUp("carol");

    @Test
    void listShouldShowEachFriendWithTheCallersRemark() {
        jim.makeFriends(alice, bob);
        jim.makeFriends(carol, alice);
        jim.updateFriendRemark().updateRemark(alice.userId(), carol.userId(), "Caz");

        List<Friend> friends = jim.listFriends().list(alice.userId());

        assertThat(friends).extracting(f -> f.user().id()).containsExactlyInAnyOrder(bob.userId(), carol.userId());
        assertThat(friends).filteredOn(f -> f.user().id().equals(carol.userId()))
                .singleElement().satisfies(f -> assertThat(f.friendship().remark()).isEqualTo("Caz"));
        assertThat(jim.listFriends().list(bob.userId())).extracting(f -> f.user().id()).containsExactly(alice.userId());
    }

    @Test
    void aRemarkShouldChangeOnlyTheCallersSide() {
        jim.makeFriends(alice, bob);

        Friend friend = jim.updateFriendRemark().updateRemark(alice.userId(), bob.userId(), "Bobby");

        assertThat(friend.user().id()).isEqualTo(bob.userId());
        assertThat(friend.friendship().remark()).isEqualTo("Bobby");
        assertThat(jim.friends().find(alice.userId(), bob.userId()).orElseThrow().remark()).isEqualTo("Bobby");
        assertThat(jim.friends().find(bob.userId(), alice.userId()).orElseThrow().remark()).isEmpty();
    }

    @Test
    void aRemarkForSomeoneWhoIsNotAFriendShouldBeNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> jim.updateFriendRemark().updateRemark(alice.userId(), bob.userId(), "x"));
    }

    @Test
    void aTooLongRemarkShouldBeInvalid() {
        jim.makeFriends(alice, bob);

        invalid("remark", () -> jim.updateFriendRemark().updateRemark(alice.userId(), bob.userId(), "x".repeat(33)));
    }

    @Test
    void deletingShouldEndBothDirectionsAndAnnounceCommand102ToBoth() {
        jim.makeFriends(alice, bob);
        jim.gateway().clear();

        jim.deleteFriend().delete(bob.userId(), alice.userId());

        assertThat(jim.friends().areFriends(alice.userId(), bob.userId())).isFalse();
        assertThat(jim.friends().areFriends(bob.userId(), alice.userId())).isFalse();
        String json = "{\"code\":102,\"data\":{\"user_id\":" + bob.userId().value() + ",\"friend_id\":"
                + alice.userId().value() + "}}";
        for (Session owner : List.of(alice, bob)) {
            List<InboxEntry> inbox = jim.inbox().inboxOf(owner.userId());
            assertThat(inbox).extracting(InboxEntry::sequence)
                    .containsExactly(InboxSequence.of(1), InboxSequence.of(2), InboxSequence.of(3));
            assertCommand(inbox.getLast().message(), json);
            assertAddressedToOwner(inbox.getLast());
        }
        assertThat(jim.gateway().deliveries()).singleElement().satisfies(d -> {
            assertThat(d.exceptDevice()).isEqualTo(DeviceId.NONE);
            assertThat(d.entries()).extracting(InboxEntry::owner).containsExactlyInAnyOrder(bob.userId(), alice.userId());
        });
    }

    @Test
    void deletingSomeoneWhoIsNotAFriendShouldBeNotFoundAndAnnounceNothing() {
        refused(ErrorCode.NOT_FOUND, () -> jim.deleteFriend().delete(alice.userId(), bob.userId()));

        assertThat(jim.inbox().inboxOf(alice.userId())).isEmpty();
        assertThat(jim.gateway().deliveries()).isEmpty();
    }

    @Test
    void formerFriendsMayBecomeFriendsAgain() {
        jim.makeFriends(alice, bob);
        jim.deleteFriend().delete(alice.userId(), bob.userId());

        jim.makeFriends(bob, alice);

        assertThat(jim.friends().areFriends(alice.userId(), bob.userId())).isTrue();
    }
}
