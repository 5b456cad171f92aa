package io.jim.application.port.in.account;

import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;

/** A successful login: the device, its new token, and where the client continues. */
public record LoginResult(UserId userId, DeviceId deviceId, String token, InboxSequence syncSequence, InboxSequence deviceSyncSequence, SendSequence sendSequence) {

    @Override
    public String toString() {
        return "LoginResult[userId=" + userId + ", deviceId=" + deviceId + ", token=redacted]";
    }
}
