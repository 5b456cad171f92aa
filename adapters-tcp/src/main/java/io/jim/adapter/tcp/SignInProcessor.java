package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SignInCommand;
import io.jim.application.port.in.message.SignInResult;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a SignIn frame into a sign-in use-case call and the SignInACK to answer with. */
final class SignInProcessor {

    private static final Logger log = LoggerFactory.getLogger(SignInProcessor.class);

    /** The result of a sign-in attempt: accepted with the signed-in device, or refused (the connection then closes). */
    sealed interface Outcome {
        SignInACK ack();

        /** Valid credentials: the connection now belongs to {@code principal}. */
        record Accepted(Principal principal, SignInACK ack) implements Outcome {
        }

        /** Refused; the ack carries the reason code. */
        record Rejected(SignInACK ack) implements Outcome {
        }
    }

    private final SignInUseCase useCase;

    SignInProcessor(SignInUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    Outcome process(SignIn signIn) {
        SignInCommand command;
        try {
            command = new SignInCommand(DeviceId.of(signIn.getDeviceId()), UserId.of(signIn.getUserId()), signIn.getToken());
        } catch (DomainException e) {
            // A negative id parses as protobuf but can never name a device: bad credentials, not a protocol error.
            return rejected(ResultCode.UNAUTHENTICATED, "invalid credentials");
        }
        try {
            SignInResult result = useCase.signIn(command);
            return new Outcome.Accepted(result.principal(), SignInACK.newBuilder()
                    .setCode(ResultCode.OK)
                    .setMaxSequence(result.maxSequence().value())
                    .setServerTime(result.serverTime().toEpochMilli())
                    .build());
        } catch (DomainException e) {
            return rejected(WireCodes.of(e.code()), e.getMessage());
        } catch (UnavailableException e) {
            log.warn("sign-in failed: storage unavailable: {}", e.getMessage());
            return rejected(ResultCode.UNAVAILABLE, "storage unavailable; retry later");
        } catch (RuntimeException e) {
            log.error("sign-in failed unexpectedly", e);
            return rejected(ResultCode.INTERNAL, "internal error");
        }
    }

    private static Outcome rejected(int code, String message) {
        return new Outcome.Rejected(SignInACK.newBuilder().setCode(code).setMessage(message).build());
    }
}
