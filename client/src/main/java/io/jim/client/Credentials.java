package io.jim.client;

import java.util.Objects;

/**
 * What a TCP session signs in with: the device's user, the device, and the device's current token
 * (all three come from the HTTP login).
 *
 * @param userId   the user the device belongs to
 * @param deviceId the device signing in
 * @param token    the device's current token
 */
public record Credentials(long userId, long deviceId, String token) {

    /** Validates that the ids are positive and the token is present. */
    public Credentials {
        Objects.requireNonNull(token, "token");
        if (userId <= 0 || deviceId <= 0) {
            throw new IllegalArgumentException("user_id and device_id must be positive");
        }
    }

    /** The credentials of a successful {@link JimClient#login login}. */
    public static Credentials of(LoginResult login) {
        return new Credentials(login.userId(), login.deviceId(), login.token());
    }

    @Override
    public String toString() {
        // The token is a secret: keep it out of logs and exception messages.
        return "Credentials[userId=" + userId + ", deviceId=" + deviceId + "]";
    }
}
