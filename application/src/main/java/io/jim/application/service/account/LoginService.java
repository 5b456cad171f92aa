package io.jim.application.service.account;

import io.jim.application.port.in.account.LoginCommand;
import io.jim.application.port.in.account.LoginResult;
import io.jim.application.port.in.account.LoginUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.PasswordHasher;
import io.jim.application.port.out.TokenIssuer;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.device.Device;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.User;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a user in on a device. An unknown account still runs one verification, against the hasher's
 * decoy, so that it takes as long as a wrong password and both answer the same UNAUTHENTICATED
 * message. A {@code device_id} must name one of the user's devices (else NOT_FOUND); without one a new
 * device is created. Either way a new token is issued and only its hash stored; re-using a device
 * replaces its token, and after the commit its live connection (signed in with the old token) is
 * kicked with SIGNED_OUT.
 */
public final class LoginService implements LoginUseCase {

    static final String WRONG_CREDENTIALS = "wrong account or password";

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final UserRepository users;
    private final DeviceRepository devices;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;

    public LoginService(UserRepository users, DeviceRepository devices, PasswordHasher hasher, TokenIssuer tokens,
            UnitOfWork unitOfWork, DeliveryGateway gateway) {
        this.users = Objects.requireNonNull(users, "users");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public LoginResult login(LoginCommand command) {
        Optional<User> found = users.findByAccount(command.account());
        PasswordHash hash = found.map(User::passwordHash).orElseGet(hasher::decoy);
        boolean passwordMatches = hasher.verify(command.password(), hash);
        if (found.isEmpty() || !passwordMatches) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
        }
        User user = found.get();

        boolean reused = command.deviceId().isPresent();
        Session session = reused ? reuse(user, command) : create(user, command);
        if (reused) {
            gateway.kick(session.device().id(), KickReason.SIGNED_OUT);
        }
        Device device = session.device();
        log.info("login user_id={} device_id={} new_device={}", user.id(), device.id(), !reused);
        return new LoginResult(user.id(), device.id(), session.issued().token(),
                devices.maxAckedOfUser(user.id()).value(), device.acked().value(), device.lastSendSequence());
    }

    private Session reuse(User user, LoginCommand command) {
        Device device = devices.findById(command.deviceId().get())
                .filter(d -> d.belongsTo(user.id()))
                .orElseThrow(() -> DomainException.notFound("device " + command.deviceId().get() + " not found"));
        TokenIssuer.Issued issued = tokens.issue(device.id());
        unitOfWork.run(() -> devices.replaceToken(device.id(), command.device(), issued.hash()));
        return new Session(device, issued);
    }

    private Session create(User user, LoginCommand command) {
        return unitOfWork.inTransaction(() -> {
            Device device = devices.create(user.id(), command.device());
            TokenIssuer.Issued issued = tokens.issue(device.id());
            devices.replaceToken(device.id(), command.device(), issued.hash());
            return new Session(device, issued);
        });
    }

    private record Session(Device device, TokenIssuer.Issued issued) {
    }
}
