package io.jim.application.service.account;

import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.TokenIssuer;
import io.jim.domain.device.Device;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a bearer token into the caller with one device lookup: the token names its device, whose
 * stored hash it must match (constant time). A malformed, unknown, revoked or replaced token is
 * UNAUTHENTICATED, always with the same message.
 */
public final class AuthenticateService implements AuthenticateUseCase {

    private final DeviceRepository devices;
    private final TokenIssuer tokens;

    public AuthenticateService(DeviceRepository devices, TokenIssuer tokens) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Principal authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw unauthenticated();
        }
        Optional<Device> device = tokens.deviceOf(token).flatMap(devices::findById);
        if (device.isEmpty() || device.get().tokenHash().isEmpty()
                || !tokens.matches(token, device.get().tokenHash().get())) {
            throw unauthenticated();
        }
        return new Principal(device.get().userId(), device.get().id());
    }

    private static DomainException unauthenticated() {
        return new DomainException(ErrorCode.UNAUTHENTICATED, "invalid or revoked token");
    }
}
