package io.jim.adapter.http.account;

import io.jim.domain.user.User;

/** What anyone signed in may see of a user. */
public record PublicProfileResponse(long userId, String account, String nickname, int sex, String avatarUrl) {

    public static PublicProfileResponse of(User u) {
        return new PublicProfileResponse(u.id().value(), u.account().value(), u.profile().nickname(),
                u.profile().sex().code(), u.profile().avatarUrl());
    }
}
