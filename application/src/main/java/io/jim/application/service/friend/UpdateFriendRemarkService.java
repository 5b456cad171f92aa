package io.jim.application.service.friend;

import io.jim.application.port.in.friend.Friend;
import io.jim.application.port.in.friend.UpdateFriendRemarkUseCase;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.friend.Friendship;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** Changes the caller's private remark for a friend (0-32 characters); NOT_FOUND when they are not friends. */
public final class UpdateFriendRemarkService implements UpdateFriendRemarkUseCase {

    private final UserRepository users;
    private final FriendRepository friends;

    public UpdateFriendRemarkService(UserRepository users, FriendRepository friends) {
        this.users = Objects.requireNonNull(users, "users");
        this.friends = Objects.requireNonNull(friends, "friends");
    }

    @Override
    public Friend updateRemark(UserId caller, UserId friend, String remark) {
        Friendship friendship = friends.find(caller, friend)
                .orElseThrow(() -> DomainException.notFound("user " + friend + " is not your friend"))
                .withRemark(remark);
        User user = users.findById(friend).orElseThrow(() -> DomainException.notFound("user " + friend + " not found"));
        friends.updateRemark(caller, friend, friendship.remark());
        return new Friend(user, friendship);
    }
}
