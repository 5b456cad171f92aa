package io.jim.adapter.http.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.jim.adapter.http.web.JsonBody;
import io.jim.domain.user.User;

/** A user as its owner sees it (never the password hash); {@code extra} is a JSON object. */
public record UserResponse(long userId, String account, String nickname, int sex, String avatarUrl, JsonNode extra, long createdAt) {

    public static UserResponse of(User u, JsonBody json) {
        return new UserResponse(u.id().value(), u.account().value(), u.profile().nickname(), u.profile().sex().code(),
                u.profile().avatarUrl(), json.extraNode(u.profile().extra()), u.createdAt().toEpochMilli());
    }
}
