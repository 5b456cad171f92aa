package io.jim.adapter.http.friend;

import io.jim.application.port.in.friend.Friend;

/** A friend: the public profile plus the caller's remark and since when they are friends. */
public record FriendResponse(long userId, String account, String nickname, int sex, String avatarUrl, String remark, long since) {

    public static FriendResponse of(Friend f) {
        var u = f.user();
        return new FriendResponse(u.id().value(), u.account().value(), u.profile().nickname(), u.profile().sex().code(),
                u.profile().avatarUrl(), f.friendship().remark(), f.friendship().since().toEpochMilli());
    }
}
