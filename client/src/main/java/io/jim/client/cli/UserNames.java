package io.jim.client.cli;

import io.jim.client.JimApiException;
import io.jim.client.JimClient;
import io.jim.client.PublicUser;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves user ids to public profiles through {@code GET /api/users/{id}}, asking at most once per id. */
final class UserNames {

    private final JimClient api;
    private final Map<Long, PublicUser> cache = new ConcurrentHashMap<>();

    UserNames(JimClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The user's profile; an unknown or unreachable one is shown as "#id" rather than failing the output. */
    PublicUser user(long userId) {
        PublicUser known = cache.get(userId);
        if (known != null) {
            return known;
        }
        try {
            PublicUser fetched = api.user(userId);
            cache.put(userId, fetched);
            return fetched;
        } catch (JimApiException | UncheckedIOException e) {
            // Not cached: the next message from this user tries again.
            return new PublicUser(userId, "#" + userId, "#" + userId, 0, null);
        }
    }

    /** The name to show: the nickname, else the account. */
    String name(long userId) {
        PublicUser u = user(userId);
        return u.nickname() == null || u.nickname().isBlank() ? u.account() : u.nickname();
    }

    /** Remembers a profile already known (saves a request). */
    void remember(PublicUser user) {
        cache.put(user.userId(), user);
    }
}
