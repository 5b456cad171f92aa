package io.jim.application.service.message;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SignInCommand;
import io.jim.application.port.in.message.SignInResult;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.TokenIssuer;
import io.jim.domain.device.Device;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a TCP sign-in: the device exists, belongs to the user, and the token matches its current hash
 * (constant time); otherwise UNAUTHENTICATED with one message whatever was wrong. The answer carries
 * the user's newest inbox sequence and the server time.
 */
public final class SignInService implements SignInUseCase {

    private final DeviceRepository devices;
    private final InboxRepository inbox;
    private final TokenIssuer tokens;
    private final Clock clock;

    public SignInService(DeviceRepository devices, InboxRepository inbox, TokenIssuer tokens, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SignInResult signIn(SignInCommand command) {
        Optional<Device> device = devices.findById(command.deviceId());
        if (device.isEmpty() || !device.get().belongsTo(command.userId()) || device.get().tokenHash().isEmpty()
                || !tokens.matches(command.token(), device.get().tokenHash().get())) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "invalid device, user or token");
        }
        return new SignInResult(new Principal(command.userId(), command.deviceId()),
                inbox.newest(command.userId()), clock.instant());
    }
}
