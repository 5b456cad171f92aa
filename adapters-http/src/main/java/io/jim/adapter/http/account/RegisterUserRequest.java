package io.jim.adapter.http.account;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of POST /api/users. */
public record RegisterUserRequest(String account, String password, String nickname, Integer sex, String avatarUrl, ObjectNode extra) {

    @Override
    public String toString() {
        return "RegisterUserRequest[account=" + account + ", password=redacted]";
    }
}
