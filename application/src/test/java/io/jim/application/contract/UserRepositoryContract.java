package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The {@link UserRepository} contract. */
public abstract class UserRepositoryContract {

    protected abstract UnitOfWork unitOfWork();

    protected abstract UserRepository users();

    @Test
    void createShouldAssignAFreshIdAndBeFoundByIdAndAccount() {
        Account account = uniqueAccount("ann");
        Profile profile = new Profile("Ann", Sex.FEMALE, "https://example.com/a.png", "{\"k\":1}");
        PasswordHash hash = passwordHash();

        User created = users().create(account, profile, hash);
        User other = users().create(uniqueAccount("bob"), profile("Bob"), passwordHash());

        assertThat(created.id()).isNotEqualTo(other.id());
        assertThat(created.id().value()).isPositive();
        assertThat(created.account()).isEqualTo(account);
        assertThat(created.profile()).isEqualTo(profile);
        assertThat(created.passwordHash()).isEqualTo(hash);
        assertThat(users().findById(created.id())).contains(created);
        assertThat(users().findByAccount(account)).contains(created);
    }

    @Test
    void createShouldRefuseATakenAccountWithConflictWhateverItsCase() {
        Account account = uniqueAccount("taken");
        users().create(account, profile("First"), passwordHash());

        Account sameUpperCase = Account.of(account.value().toUpperCase(Locale.ROOT));
        assertThatThrownBy(() -> users().create(sameUpperCase, profile("Second"), passwordHash()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(users().findByAccount(account).orElseThrow().profile().nickname()).isEqualTo("First");
    }

    @Test
    void aRefusedCreateInsideAUnitOfWorkShouldLeaveTheRestOfTheWorkIntact() {
        Account taken = uniqueAccount("taken");
        Account fresh = uniqueAccount("fresh");
        users().create(taken, profile("First"), passwordHash());

        unitOfWork().run(() -> {
            assertThatThrownBy(() -> users().create(taken, profile("Again"), passwordHash()))
                    .isInstanceOf(DomainException.class);
            users().create(fresh, profile("Fresh"), passwordHash());
        });

        assertThat(users().findByAccount(fresh)).isPresent();
    }

    @Test
    void unknownUsersShouldNotBeFound() {
        assertThat(users().findById(UserId.of(Long.MAX_VALUE - 7))).isEmpty();
        assertThat(users().findByAccount(uniqueAccount("nobody"))).isEmpty();
    }

    @Test
    void findAllByIdShouldReturnOnlyTheExistingUsers() {
        User a = users().create(uniqueAccount("a"), profile("A"), passwordHash());
        User b = users().create(uniqueAccount("b"), profile("B"), passwordHash());

        List<User> found = users().findAllById(List.of(a.id(), UserId.of(Long.MAX_VALUE - 3), b.id()));

        assertThat(found).containsExactlyInAnyOrder(a, b);
        assertThat(users().findAllById(List.of())).isEmpty();
    }

    @Test
    void updateShouldWriteProfileAndPasswordHash() {
        User user = users().create(uniqueAccount("upd"), profile("Old"), passwordHash());
        Profile newProfile = new Profile("New", Sex.MALE, "https://example.com/n.png", "{\"x\":true}");
        PasswordHash newHash = passwordHash();

        users().update(user.withProfile(newProfile).withPasswordHash(newHash));

        User read = users().findById(user.id()).orElseThrow();
        assertThat(read.profile()).isEqualTo(newProfile);
        assertThat(read.passwordHash()).isEqualTo(newHash);
        assertThat(read.account()).isEqualTo(user.account());
        assertThat(read.createdAt()).isEqualTo(user.createdAt());
    }

    @Test
    void emojiAndOtherSupplementaryCharactersShouldRoundTrip() {
        String nickname = "😀 Zoë 🎉 中文";
        String extra = "{\"mood\":\"🙂\",\"flag\":\"🇫🇷\"}";
        User user = users().create(uniqueAccount("emoji"), new Profile(nickname, Sex.UNKNOWN, "", extra), passwordHash());

        User read = users().findById(user.id()).orElseThrow();

        assertThat(read.profile().nickname()).isEqualTo(nickname);
        assertThat(read.profile().extra()).isEqualTo(extra);
    }

    @Test
    void aNicknameOfThirtyTwoEmojiShouldFit() {
        String nickname = "🚀".repeat(32);
        User user = users().create(uniqueAccount("long"), profile(nickname), passwordHash());

        assertThat(users().findById(user.id()).orElseThrow().profile().nickname()).isEqualTo(nickname);
    }
}
