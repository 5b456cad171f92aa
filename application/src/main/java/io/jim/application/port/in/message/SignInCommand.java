package io.jim.application.port.in.message;

import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** A TCP sign-in: the device, its user and its current token. */
public record SignInCommand(DeviceId deviceId, UserId userId, String token) {

    public SignInCommand {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "SignInCommand[deviceId=" + deviceId + ", userId=" + userId + ", token=redacted]";
    }
}
