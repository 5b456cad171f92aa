package io.jim.application.service.account;

import static io.jim.application.service.Refusals.invalid;
import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.port.in.account.LoginCommand;
import io.jim.application.port.in.account.UpdateProfileCommand;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateProfileServiceTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final User alice = jim.register("alice");

    private UpdateProfileCommand nickname(UserId user, String nickname) {
        return new UpdateProfileCommand(user, Optional.of(nickname), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private UpdateProfileCommand password(String newPassword, Optional<String> current) {
        return new UpdateProfileCommand(alice.id(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new Password(newPassword)), current);
    }

    private void loginWith(String password) {
        jim.login().login(new LoginCommand(Account.of("alice"), new Password(password), Optional.empty(), InMemoryJim.device()));
    }

    @Test
    void updateShouldChangeOnlyTheFieldsGiven() {
        User updated = jim.updateProfile().update(new UpdateProfileCommand(alice.id(), Optional.empty(),
                Optional.of(Sex.FEMALE), Optional.of("https://a.example/me.png"), Optional.empty(), Optional.empty(),
                Optional.empty()));

        assertThat(updated.profile().nickname()).isEqualTo("alice");
        assertThat(updated.profile().sex()).isEqualTo(Sex.FEMALE);
        assertThat(updated.profile().avatarUrl()).isEqualTo("https://a.example/me.png");
        assertThat(jim.getMyProfile().me(new io.jim.application.port.in.account.Principal(alice.id(),
                io.jim.domain.device.DeviceId.of(1)))).isEqualTo(updated);
        assertThat(updated.passwordHash()).isEqualTo(alice.passwordHash());
    }

    @Test
    void anInvalidNicknameShouldBeRefusedAndChangeNothing() {
        invalid("nickname", () -> jim.updateProfile().update(nickname(alice.id(), "")));

        assertThat(jim.users().findById(alice.id())).contains(alice);
    }

    @Test
    void aNewPasswordWithTheCurrentOneShouldReplaceIt() {
        jim.updateProfile().update(password("brand-new-password", Optional.of(InMemoryJim.PASSWORD)));

        loginWith("brand-new-password");
        refused(ErrorCode.UNAUTHENTICATED, () -> loginWith(InMemoryJim.PASSWORD));
        assertThat(jim.users().findById(alice.id()).orElseThrow().passwordHash().encoded())
                .doesNotContain("brand-new-password");
    }

    @Test
    void aNewPasswordWithAWrongCurrentOneShouldBePermissionDenied() {
        DomainException e = refused(ErrorCode.PERMISSION_DENIED,
                () -> jim.updateProfile().update(password("brand-new-password", Optional.of("not-the-password"))));

        assertThat(e.getMessage()).isEqualTo("current password is wrong");
        loginWith(InMemoryJim.PASSWORD);
    }

    @Test
    void aNewPasswordWithAMalformedCurrentOneShouldBePermissionDenied() {
        refused(ErrorCode.PERMISSION_DENIED, () -> jim.updateProfile().update(password("brand-new-password", Optional.of("x"))));
    }

    @Test
    void aNewPasswordWithoutTheCurrentOneShouldBeInvalid() {
        invalid("old_password", () -> jim.updateProfile().update(password("brand-new-password", Optional.empty())));

        loginWith(InMemoryJim.PASSWORD);
    }

    @Test
    void getUserShouldFindAUserAndRefuseAnUnknownOne() {
        assertThat(jim.getUser().get(alice.id())).isEqualTo(alice);
        refused(ErrorCode.NOT_FOUND, () -> jim.getUser().get(UserId.of(424242)));
    }

    @Test
    void findByAccountShouldMatchExactlyWhateverTheCase() {
        jim.register("alicia");

        assertThat(jim.findUsersByAccount().find(Account.of("ALICE"))).containsExactly(alice);
        assertThat(jim.findUsersByAccount().find(Account.of("ali"))).isEmpty();
    }
}
