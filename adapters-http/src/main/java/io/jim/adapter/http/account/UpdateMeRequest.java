package io.jim.adapter.http.account;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of PATCH /api/users/me: any of the fields; {@code password} needs {@code old_password}. */
public record UpdateMeRequest(String nickname, Integer sex, String avatarUrl, ObjectNode extra, String password, String oldPassword) {

    @Override
    public String toString() {
        return "UpdateMeRequest[passwords redacted]";
    }
}
