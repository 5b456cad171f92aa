package io.jim.application.service.account;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.port.in.account.Principal;
import io.jim.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateServiceTest {

    private final InMemoryJim jim = new InMemoryJim();

    @Test
    void aCurrentTokenShouldAuthenticateItsUserAndDevice() {
        InMemoryJim.Session alice = jim.signUp("alice");

        Principal principal = jim.authenticate().authenticate(alice.token());

        assertThat(principal).isEqualTo(alice.principal());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "1001", "1001.", ".abc", "-5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "99999999999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedTokenShouldBeUnauthenticated(String token) {
        jim.signUp("alice");

        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(token));
    }

    @Test
    void aTokenWithTheRightDeviceButAWrongSecretShouldBeUnauthenticated() {
        InMemoryJim.Session alice = jim.signUp("alice");
        String forged = alice.deviceId().value() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(forged));
    }

    @Test
    void anotherDevicesSecretShouldNotAuthenticateThisDevice() {
        InMemoryJim.Session alice = jim.signUp("alice");
        InMemoryJim.Session bob = jim.signUp("bob");
        String spliced = alice.deviceId().value() + bob.token().substring(bob.token().indexOf('.'));

        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(spliced));
    }

    @Test
    void aRevokedTokenShouldBeUnauthenticated() {
        InMemoryJim.Session alice = jim.signUp("alice");
        jim.logout().logout(alice.principal());

        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(alice.token()));
    }
}
