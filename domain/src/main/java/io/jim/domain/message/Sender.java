package io.jim.domain.message;

import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** Who sent a message, stamped by the server (never taken from the client). */
public record Sender(SenderType type, UserId userId, DeviceId deviceId) {

    public static final Sender SYSTEM = new Sender(SenderType.SYSTEM, UserId.NONE, DeviceId.NONE);
    public static final Sender BUSINESS = new Sender(SenderType.BUSINESS, UserId.NONE, DeviceId.NONE);

    public Sender {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    public static Sender user(UserId userId, DeviceId deviceId) {
        return new Sender(SenderType.USER, userId, deviceId);
    }

    public boolean isUser() {
        return type == SenderType.USER;
    }
}
