package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.at;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The {@link FriendRepository} contract. */
public abstract class FriendRepositoryContract {

    protected abstract UserRepository users();

    protected abstract FriendRepository friends();

    private UserId newUser() {
        return users().create(uniqueAccount("fr"), profile("Friend"), passwordHash()).id();
    }

    @Test
    void aNewRequestShouldBePendingAndBeFound() {
        UserId a = newUser();
        UserId b = newUser();

        FriendRequest request = friends().createRequest(a, b, "hi 👋", at(1));

        assertThat(request.status()).isEqualTo(FriendRequestStatus.PENDING);
        assertThat(request.from()).isEqualTo(a);
        assertThat(request.to()).isEqualTo(b);
        assertThat(request.message()).isEqualTo("hi 👋");
        assertThat(request.createdAt()).isEqualTo(at(1));
        assertThat(friends().findRequest(request.id())).contains(request);
        assertThat(friends().findPending(a, b)).contains(request);
        assertThat(friends().findPending(b, a)).isEmpty();
        assertThat(friends().findRequest(FriendRequestId.of(Long.MAX_VALUE - 5))).isEmpty();
    }

    @Test
    void aDecidedRequestShouldNoLongerBePending() {
        UserId a = newUser();
        UserId b = newUser();
        FriendRequest request = friends().createRequest(a, b, "", at(1));

        friends().updateStatus(request.id(), FriendRequestStatus.ACCEPTED);

        assertThat(friends().findRequest(request.id()).orElseThrow().status()).isEqualTo(FriendRequestStatus.ACCEPTED);
        assertThat(friends().findPending(a, b)).isEmpty();
        assertThat(friends().listPending(b, true)).isEmpty();
    }

    @Test
    void listPendingShouldGiveIncomingOrOutgoingRequestsNewestFirst() {
        UserId me = newUser();
        UserId x = newUser();
        UserId y = newUser();
        UserId z = newUser();
        FriendRequest fromX = friends().createRequest(x, me, "x", at(10));
        FriendRequest fromY = friends().createRequest(y, me, "y", at(30));
        FriendRequest rejected = friends().createRequest(z, me, "z", at(20));
        friends().updateStatus(rejected.id(), FriendRequestStatus.REJECTED);
        FriendRequest toZ = friends().createRequest(me, z, "to z", at(40));

        assertThat(friends().listPending(me, true)).containsExactly(fromY, fromX);
        assertThat(friends().listPending(me, false)).containsExactly(toZ);
    }

    @Test
    void befriendShouldStoreBothDirectionsWithTheirOwnRemarks() {
        UserId a = newUser();
        UserId b = newUser();

        friends().befriend(a, b, "my b", "my a 😀", at(5));

        assertThat(friends().areFriends(a, b)).isTrue();
        assertThat(friends().areFriends(b, a)).isTrue();
        assertThat(friends().find(a, b)).contains(new Friendship(a, b, "my b", at(5)));
        assertThat(friends().find(b, a)).contains(new Friendship(b, a, "my a 😀", at(5)));
        assertThat(friends().list(a)).containsExactly(new Friendship(a, b, "my b", at(5)));
    }

    @Test
    void lockPairShouldTakeTheTwoUsersInEitherOrder() {
        UserId a = newUser();
        UserId b = newUser();
        friends().lockPair(b, a);
        friends().lockPair(a, b);
        assertThat(friends().areFriends(a, b)).isFalse();
    }

    @Test
    void strangersShouldNotBeFriends() {
        UserId a = newUser();
        UserId b = newUser();

        assertThat(friends().areFriends(a, b)).isFalse();
        assertThat(friends().find(a, b)).isEmpty();
        assertThat(friends().list(a)).isEmpty();
    }

    @Test
    void listShouldGiveEveryFriendOfTheOwner() {
        UserId me = newUser();
        UserId b = newUser();
        UserId c = newUser();
        friends().befriend(me, b, "b", "", at(1));
        friends().befriend(c, me, "", "c", at(2));

        assertThat(friends().list(me)).extracting(Friendship::friend).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void updateRemarkShouldChangeOnlyTheOwnersSide() {
        UserId a = newUser();
        UserId b = newUser();
        friends().befriend(a, b, "old", "theirs", at(1));

        friends().updateRemark(a, b, "new");

        assertThat(friends().find(a, b).orElseThrow().remark()).isEqualTo("new");
        assertThat(friends().find(b, a).orElseThrow().remark()).isEqualTo("theirs");
    }

    @Test
    void unfriendShouldEndBothDirectionsAndTellWhetherThereWasAFriendship() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        friends().befriend(a, b, "", "", at(1));
        friends().befriend(a, c, "", "", at(1));

        assertThat(friends().unfriend(b, a)).isTrue();

        assertThat(friends().areFriends(a, b)).isFalse();
        assertThat(friends().areFriends(b, a)).isFalse();
        assertThat(friends().areFriends(a, c)).isTrue();
        assertThat(friends().unfriend(a, b)).isFalse();
    }
}
