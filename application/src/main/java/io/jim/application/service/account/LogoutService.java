package io.jim.application.service.account;

import io.jim.application.port.in.account.LogoutUseCase;
import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.application.port.out.DeviceRepository;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the caller's device out: its token hash is removed (no token matches afterwards, over HTTP or
 * TCP), then its live connection is kicked with SIGNED_OUT.
 */
public final class LogoutService implements LogoutUseCase {

    private static final Logger log = LoggerFactory.getLogger(LogoutService.class);

    private final DeviceRepository devices;
    private final DeliveryGateway gateway;

    public LogoutService(DeviceRepository devices, DeliveryGateway gateway) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void logout(Principal caller) {
        devices.revokeToken(caller.deviceId());
        gateway.kick(caller.deviceId(), KickReason.SIGNED_OUT);
        log.info("logout user_id={} device_id={}", caller.userId(), caller.deviceId());
    }
}
