package io.jim.application.service.friend;

import io.jim.application.port.in.friend.Friend;
import io.jim.application.port.in.friend.ListFriendsUseCase;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.friend.Friendship;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lists the caller's friends with the caller's remarks (two queries, whatever the number of friends). */
public final class ListFriendsService implements ListFriendsUseCase {

    private final UserRepository users;
    private final FriendRepository friends;

    public ListFriendsService(UserRepository users, FriendRepository friends) {
        this.users = Objects.requireNonNull(users, "users");
        this.friends = Objects.requireNonNull(friends, "friends");
    }

    @Override
    public List<Friend> list(UserId caller) {
        List<Friendship> friendships = friends.list(caller);
        if (friendships.isEmpty()) {
            return List.of();
        }
        Map<UserId, User> byId = users.findAllById(friendships.stream().map(Friendship::friend).toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        List<Friend> out = new ArrayList<>(friendships.size());
        for (Friendship friendship : friendships) {
            User user = byId.get(friendship.friend());
            if (user != null) {
                out.add(new Friend(user, friendship));
            }
        }
        return out;
    }
}
