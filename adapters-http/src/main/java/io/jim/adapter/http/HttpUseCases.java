package io.jim.adapter.http;

import io.jim.adapter.http.account.AccountUseCases;
import io.jim.adapter.http.friend.FriendUseCases;
import io.jim.adapter.http.group.GroupUseCases;
import io.jim.adapter.http.message.MessageUseCases;
import java.util.Objects;

/** Every inbound use case the HTTP API calls, grouped by feature. */
public record HttpUseCases(AccountUseCases accounts, FriendUseCases friends, GroupUseCases groups, MessageUseCases messages) {

    public HttpUseCases {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(friends, "friends");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(messages, "messages");
    }
}
