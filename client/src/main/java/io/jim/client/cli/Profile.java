package io.jim.client.cli;

import io.jim.client.Credentials;

/**
 * What the command-line client keeps between runs: who is logged in as which device, and how far that
 * device has read its inbox and numbered its sends.
 *
 * @param account      the account (lower case)
 * @param userId       the user
 * @param deviceId     the device (re-used by the next login of the same account)
 * @param token        the device's token, or null after logout
 * @param lastSequence the last contiguous inbox sequence printed (and acknowledged)
 * @param sendSequence the highest send_sequence used
 */
record Profile(String account, long userId, long deviceId, String token, long lastSequence, long sendSequence) {

    /** Whether a token is kept. */
    boolean loggedIn() {
        return token != null && !token.isEmpty() && userId > 0 && deviceId > 0;
    }

    Credentials credentials() {
        return new Credentials(userId, deviceId, token);
    }

    Profile withoutToken() {
        return new Profile(account, userId, deviceId, null, lastSequence, sendSequence);
    }

    /**
     * This profile with the progress of a session of {@code deviceId} merged in. Sequences only move
     * forward, and progress of a device the profile no longer holds (a login happened meanwhile) is dropped.
     */
    Profile withProgress(long deviceId, long lastSequence, long sendSequence) {
        if (deviceId != this.deviceId) {
            return this;
        }
        return new Profile(account, userId, deviceId, token, Math.max(this.lastSequence, lastSequence),
                Math.max(this.sendSequence, sendSequence));
    }

    @Override
    public String toString() {
        return "Profile[account=" + account + ", userId=" + userId + ", deviceId=" + deviceId + ", lastSequence="
                + lastSequence + ", sendSequence=" + sendSequence + "]";
    }
}
