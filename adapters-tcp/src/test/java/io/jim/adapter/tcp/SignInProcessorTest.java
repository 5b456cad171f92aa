package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SignInCommand;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.device.DeviceId;
import io.jim.domain.user.UserId;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignInProcessorTest {

    private static SignIn signIn(long device, long user, String token) {
        return SignIn.newBuilder().setDeviceId(device).setUserId(user).setToken(token).build();
    }

    @Test
    void validCredentialsShouldBeAcceptedWithMaxSequenceAndServerTime() {
        AtomicReference<SignInCommand> seen = new AtomicReference<>();
        SignInUseCase useCase = command -> {
            seen.set(command);
            return Stubs.SIGN_IN.signIn(command);
        };

        SignInProcessor.Outcome outcome = new SignInProcessor(useCase).process(signIn(3, 4, Stubs.GOOD_TOKEN));

        assertThat(seen.get()).isEqualTo(new SignInCommand(DeviceId.of(3), UserId.of(4), Stubs.GOOD_TOKEN));
        assertThat(outcome).isInstanceOfSatisfying(SignInProcessor.Outcome.Accepted.class, accepted -> {
            assertThat(accepted.principal()).isEqualTo(new Principal(UserId.of(4), DeviceId.of(3)));
            assertThat(accepted.ack().getCode()).isZero();
            assertThat(accepted.ack().getMaxSequence()).isEqualTo(Stubs.MAX_SEQUENCE);
            assertThat(accepted.ack().getServerTime()).isEqualTo(Stubs.SERVER_TIME.toEpochMilli());
        });
    }

    @Test
    void badCredentialsShouldBeRejectedWithCode4() {
        SignInProcessor.Outcome outcome = new SignInProcessor(Stubs.SIGN_IN).process(signIn(3, 4, "nope"));

        assertThat(outcome).isInstanceOf(SignInProcessor.Outcome.Rejected.class);
        assertThat(outcome.ack().getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
    }

    @Test
    void negativeIdsShouldBeRejectedWithCode4WithoutCallingTheUseCase() {
        SignInUseCase useCase = command -> {
            throw new AssertionError("must not be called");
        };

        assertThat(new SignInProcessor(useCase).process(signIn(-1, 4, "t")).ack().getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
        assertThat(new SignInProcessor(useCase).process(signIn(1, -4, "t")).ack().getCode()).isEqualTo(ResultCode.UNAUTHENTICATED);
    }

    @Test
    void unavailableStorageShouldBeRejectedWithCode11() {
        SignInProcessor.Outcome outcome = new SignInProcessor(command -> {
            throw new UnavailableException("down", null);
        }).process(signIn(3, 4, Stubs.GOOD_TOKEN));

        assertThat(outcome).isInstanceOf(SignInProcessor.Outcome.Rejected.class);
        assertThat(outcome.ack().getCode()).isEqualTo(ResultCode.UNAVAILABLE);
    }

    @Test
    void unexpectedFailureShouldBeRejectedWithCode1() {
        SignInProcessor.Outcome outcome = new SignInProcessor(command -> {
            throw new IllegalStateException("bug");
        }).process(signIn(3, 4, Stubs.GOOD_TOKEN));

        assertThat(outcome.ack().getCode()).isEqualTo(ResultCode.INTERNAL);
    }
}
