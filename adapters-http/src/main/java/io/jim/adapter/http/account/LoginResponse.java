package io.jim.adapter.http.account;

import io.jim.application.port.in.account.LoginResult;

/** Answer of POST /api/sessions: the device, its new token and where the client continues. */
public record LoginResponse(long userId, long deviceId, String token, long syncSequence, long deviceSyncSequence, long sendSequence) {

    static LoginResponse of(LoginResult r) {
        return new LoginResponse(r.userId().value(), r.deviceId().value(), r.token(), r.syncSequence().value(),
                r.deviceSyncSequence().value(), r.sendSequence().value());
    }

    @Override
    public String toString() {
        return "LoginResponse[userId=" + userId + ", deviceId=" + deviceId + ", token=redacted]";
    }
}
