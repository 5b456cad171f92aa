package io.jim.application.port.in.account;

import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import java.util.Objects;
import java.util.Optional;

/** A login: credentials and the device to sign in (an existing one of the user, or a new one). */
public record LoginCommand(Account account, Password password, Optional<DeviceId> deviceId, DeviceInfo device) {

    public LoginCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(device, "device");
    }
}
