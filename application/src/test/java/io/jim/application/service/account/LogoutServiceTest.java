package io.jim.application.service.account;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.RecordingDeliveryGateway.Kick;
import io.jim.application.port.in.message.SignInCommand;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class LogoutServiceTest {

    private final InMemoryJim jim = new InMemoryJim();

    @Test
    void logoutShouldRevokeTheTokenForHttpAndTcpAndKickTheConnection() {
        InMemoryJim.Session alice = jim.signUp("alice");

        jim.logout().logout(alice.principal());

        assertThat(jim.devices().findById(alice.deviceId()).orElseThrow().tokenHash()).isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(alice.token()));
        refused(ErrorCode.UNAUTHENTICATED,
                () -> jim.signIn().signIn(new SignInCommand(alice.deviceId(), alice.userId(), alice.token())));
        assertThat(jim.gateway().kicks()).containsExactly(new Kick(alice.deviceId(), KickReason.SIGNED_OUT));
    }

    @Test
    void logoutShouldLeaveTheUsersOtherDevicesSignedIn() {
        InMemoryJim.Session laptop = jim.signUp("alice");
        InMemoryJim.Session phone = jim.anotherDevice(laptop);

        jim.logout().logout(laptop.principal());

        assertThat(jim.authenticate().authenticate(phone.token())).isEqualTo(phone.principal());
    }
}
