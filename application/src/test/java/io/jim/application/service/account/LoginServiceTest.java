package io.jim.application.service.account;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.FakePasswordHasher;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.RecordingDeliveryGateway.Kick;
import io.jim.application.port.in.account.LoginCommand;
import io.jim.application.port.in.account.LoginResult;
import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.device.Device;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final FakePasswordHasher hasher = (FakePasswordHasher) jim.passwordHasher();

    private LoginResult login(String account, String password, Optional<DeviceId> device) {
        return jim.login().login(new LoginCommand(Account.of(account), new Password(password), device,
                new DeviceInfo(DeviceType.ANDROID, "brand", "model", "14", "2.0")));
    }

    @Test
    void loginShouldCreateADeviceWhoseTokenAuthenticates() {
        var alice = jim.register("alice");

        LoginResult result = login("alice", InMemoryJim.PASSWORD, Optional.empty());

        assertThat(result.userId()).isEqualTo(alice.id());
        Device device = jim.devices().findById(result.deviceId()).orElseThrow();
        assertThat(device.userId()).isEqualTo(alice.id());
        assertThat(device.info().type()).isEqualTo(DeviceType.ANDROID);
        assertThat(jim.authenticate().authenticate(result.token()).deviceId()).isEqualTo(result.deviceId());
        assertThat(result.syncSequence()).isEqualTo(InboxSequence.ZERO);
        assertThat(result.deviceSyncSequence()).isEqualTo(InboxSequence.ZERO);
        assertThat(result.sendSequence()).isEqualTo(SendSequence.NONE);
    }

    @Test
    void loginShouldStoreTheTokenOnlyAsAHash() {
        jim.register("alice");

        LoginResult result = login("alice", InMemoryJim.PASSWORD, Optional.empty());

        String stored = jim.devices().findById(result.deviceId()).orElseThrow().tokenHash().orElseThrow().encoded();
        assertThat(stored).isNotEqualTo(result.token()).doesNotContain(result.token().substring(result.token().indexOf('.') + 1));
        assertThat(result.toString()).doesNotContain(result.token());
    }

    @Test
    void loginWithAnUnknownAccountShouldVerifyAgainstTheDecoyAndAnswerLikeAWrongPassword() {
        jim.register("alice");
        int decoyChecksBefore = hasher.decoyVerifyCalls();

        DomainException unknown = refused(ErrorCode.UNAUTHENTICATED,
                () -> login("nobody", InMemoryJim.PASSWORD, Optional.empty()));
        DomainException wrong = refused(ErrorCode.UNAUTHENTICATED,
                () -> login("alice", "wrong-password", Optional.empty()));

        assertThat(hasher.decoyVerifyCalls()).isEqualTo(decoyChecksBefore + 1);
        assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage()).isEqualTo("wrong account or password");
    }

    @Test
    void loginWithAWrongPasswordShouldCreateNoDeviceAndKickNobody() {
        var alice = jim.register("alice");

        refused(ErrorCode.UNAUTHENTICATED, () -> login("alice", "wrong-password", Optional.empty()));

        assertThat(jim.devices().devicesOf(alice.id())).isEmpty();
        assertThat(jim.gateway().kicks()).isEmpty();
    }

    @Test
    void loginWithTheAccountInAnotherCaseShouldSucceed() {
        jim.register("alice");

        assertThat(login("ALICE", InMemoryJim.PASSWORD, Optional.empty()).token()).isNotBlank();
    }

    @Test
    void reLoginOnTheSameDeviceShouldReplaceTheTokenAndKickTheOldConnection() {
        jim.register("alice");
        LoginResult first = login("alice", InMemoryJim.PASSWORD, Optional.empty());

        LoginResult second = login("alice", InMemoryJim.PASSWORD, Optional.of(first.deviceId()));

        assertThat(second.deviceId()).isEqualTo(first.deviceId());
        assertThat(second.token()).isNotEqualTo(first.token());
        refused(ErrorCode.UNAUTHENTICATED, () -> jim.authenticate().authenticate(first.token()));
        assertThat(jim.authenticate().authenticate(second.token()).deviceId()).isEqualTo(first.deviceId());
        assertThat(jim.gateway().kicks()).containsExactly(new Kick(first.deviceId(), KickReason.SIGNED_OUT));
    }

    @Test
    void loginOnANewDeviceShouldKickNobody() {
        jim.register("alice");
        login("alice", InMemoryJim.PASSWORD, Optional.empty());
        login("alice", InMemoryJim.PASSWORD, Optional.empty());

        assertThat(jim.gateway().kicks()).isEmpty();
    }

    @Test
    void loginWithADeviceOfAnotherUserShouldBeNotFound() {
        jim.register("alice");
        jim.register("bob");
        LoginResult bobs = login("bob", InMemoryJim.PASSWORD, Optional.empty());

        refused(ErrorCode.NOT_FOUND, () -> login("alice", InMemoryJim.PASSWORD, Optional.of(bobs.deviceId())));

        assertThat(jim.authenticate().authenticate(bobs.token()).deviceId()).isEqualTo(bobs.deviceId());
        assertThat(jim.gateway().kicks()).isEmpty();
    }

    @Test
    void loginWithAnUnknownDeviceShouldBeNotFound() {
        jim.register("alice");

        refused(ErrorCode.NOT_FOUND, () -> login("alice", InMemoryJim.PASSWORD, Optional.of(DeviceId.of(999_999))));
    }

    @Test
    void loginShouldReturnWhereTheUserAndTheDeviceContinue() {
        InMemoryJim.Session alice = jim.signUp("alice");
        InMemoryJim.Session bob = jim.signUp("bob");
        jim.makeFriends(alice, bob); // one event each
        jim.sendText(alice, bob.userId(), 7, "one");
        jim.sendText(alice, bob.userId(), 9, "two");
        InMemoryJim.Session alicePhone = jim.anotherDevice(alice);
        jim.ackInbox().ack(alicePhone.principal(), 3);
        jim.ackInbox().ack(alice.principal(), 2);

        LoginResult again = login("alice", InMemoryJim.PASSWORD, Optional.of(alice.deviceId()));

        assertThat(again.syncSequence()).isEqualTo(InboxSequence.of(3));
        assertThat(again.deviceSyncSequence()).isEqualTo(InboxSequence.of(2));
        assertThat(again.sendSequence()).isEqualTo(SendSequence.of(9));
    }
}
