package io.jim.application.port.in.friend;

import io.jim.domain.friend.Friendship;
import io.jim.domain.user.User;

/** A friend as the owner sees it: the friend's user and the owner's side of the friendship. */
public record Friend(User user, Friendship friendship) {
}
