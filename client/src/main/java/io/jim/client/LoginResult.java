package io.jim.client;

/**
 * The answer to a login ({@code POST /api/sessions}).
 *
 * @param userId             the user
 * @param deviceId           the device (new, or the one named in the request)
 * @param token              the device's new token (for HTTP and for the TCP SignIn)
 * @param syncSequence       the highest sequence acknowledged by any of the user's devices
 * @param deviceSyncSequence this device's own highest acknowledged sequence (0 for a new device)
 * @param sendSequence       this device's highest accepted send_sequence (continue with the next one)
 */
public record LoginResult(long userId, long deviceId, String token, long syncSequence, long deviceSyncSequence,
                          long sendSequence) {

    @Override
    public String toString() {
        return "LoginResult[userId=" + userId + ", deviceId=" + deviceId + ", syncSequence=" + syncSequence
                + ", deviceSyncSequence=" + deviceSyncSequence + ", sendSequence=" + sendSequence + "]";
    }
}
