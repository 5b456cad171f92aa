package io.jim.application.port.in.account;

import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** The authenticated caller: a user on one of its devices. */
public record Principal(UserId userId, DeviceId deviceId) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
