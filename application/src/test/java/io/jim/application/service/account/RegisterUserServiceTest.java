package io.jim.application.service.account;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.FakePasswordHasher;
import io.jim.application.fake.InMemoryJim;
import io.jim.application.port.in.account.RegisterUserCommand;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import org.junit.jupiter.api.Test;

class RegisterUserServiceTest {

    private final InMemoryJim jim = new InMemoryJim();

    private RegisterUserCommand command(String account, String password) {
        return new RegisterUserCommand(Account.of(account), new Password(password),
                new Profile("Alice", Sex.FEMALE, "https://a.example/a.png", "{\"k\":1}"));
    }

    @Test
    void registerShouldStoreTheUserWithItsProfile() {
        User user = jim.registerUser().register(command("Alice", "secret-password"));

        assertThat(user.account().value()).isEqualTo("alice");
        assertThat(user.profile().nickname()).isEqualTo("Alice");
        assertThat(user.createdAt()).isEqualTo(jim.clock().instant());
        assertThat(jim.users().findById(user.id())).contains(user);
    }

    @Test
    void registerShouldStoreOnlyASaltedHashOfThePassword() {
        User user = jim.registerUser().register(command("alice", "secret-password"));

        String stored = jim.users().findById(user.id()).orElseThrow().passwordHash().encoded();
        assertThat(stored).doesNotContain("secret-password");
        assertThat(jim.passwordHasher().verify(new Password("secret-password"), user.passwordHash())).isTrue();
        User other = jim.registerUser().register(command("bob", "secret-password"));
        assertThat(other.passwordHash()).isNotEqualTo(user.passwordHash());
    }

    @Test
    void registerShouldBeRefusedWithConflictWhenTheAccountIsTakenWhateverItsCase() {
        jim.registerUser().register(command("alice", "secret-password"));

        refused(ErrorCode.CONFLICT, () -> jim.registerUser().register(command("ALICE", "other-password")));
        assertThat(jim.users().all()).hasSize(1);
    }

    @Test
    void registerShouldNotHashAPasswordForATakenAccount() {
        FakePasswordHasher hasher = (FakePasswordHasher) jim.passwordHasher();
        jim.registerUser().register(command("alice", "secret-password"));
        int before = hasher.hashCalls();

        refused(ErrorCode.CONFLICT, () -> jim.registerUser().register(command("alice", "other-password")));

        assertThat(hasher.hashCalls()).isEqualTo(before);
    }
}
