package io.jim.adapter.http.support;

import io.jim.adapter.http.HttpUseCases;
import io.jim.adapter.http.account.AccountUseCases;
import io.jim.adapter.http.friend.FriendUseCases;
import io.jim.adapter.http.group.GroupUseCases;
import io.jim.adapter.http.message.MessageUseCases;
import io.jim.application.fake.InMemoryJim;

/** The real application services of an {@link InMemoryJim}, as the HTTP server takes them. */
public final class JimUseCases {

    private JimUseCases() {
    }

    public static HttpUseCases of(InMemoryJim jim) {
        return new HttpUseCases(
                new AccountUseCases(jim.registerUser(), jim.login(), jim.logout(), jim.authenticate(), jim.getMyProfile(),
                        jim.updateProfile(), jim.getUser(), jim.findUsersByAccount()),
                new FriendUseCases(jim.sendFriendRequest(), jim.listFriendRequests(), jim.acceptFriendRequest(),
                        jim.rejectFriendRequest(), jim.listFriends(), jim.updateFriendRemark(), jim.deleteFriend()),
                new GroupUseCases(jim.createGroup(), jim.listMyGroups(), jim.getGroup(), jim.updateGroup(), jim.dissolveGroup(),
                        jim.listMembers(), jim.addMembers(), jim.removeMember(), jim.updateMember()),
                new MessageUseCases(jim.sendMessage(), jim.syncInbox(), jim.ackInbox(), jim.adminPush()));
    }
}
