package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.Account;
import io.jim.domain.user.User;
import org.junit.jupiter.api.Test;

/** The {@link UnitOfWork} contract, observed through a {@link UserRepository}: all or nothing, joined when nested. */
public abstract class UnitOfWorkContract {

    protected abstract UnitOfWork unitOfWork();

    protected abstract UserRepository users();

    @Test
    void inTransactionShouldReturnTheValueOfTheWork() {
        Account account = uniqueAccount("uow");
        User created = unitOfWork().inTransaction(() -> users().create(account, profile("Ann"), passwordHash()));

        assertThat(users().findByAccount(account)).contains(created);
    }

    @Test
    void anExceptionShouldRollBackAndBeRethrownUnchanged() {
        Account account = uniqueAccount("uow");
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
            users().create(account, profile("Ann"), passwordHash());
            throw boom;
        })).isSameAs(boom);

        assertThat(users().findByAccount(account)).isEmpty();
    }

    @Test
    void aDomainExceptionShouldRollBackAndPassUnchanged() {
        Account account = uniqueAccount("uow");
        DomainException denied = DomainException.denied("no");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
            users().create(account, profile("Ann"), passwordHash());
            throw denied;
        })).isSameAs(denied);

        assertThat(users().findByAccount(account)).isEmpty();
    }

    @Test
    void aNestedCallShouldJoinTheOuterTransaction() {
        Account inner = uniqueAccount("inner");
        RuntimeException boom = new RuntimeException("after the inner call");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
            User created = unitOfWork().inTransaction(() -> users().create(inner, profile("In"), passwordHash()));
            // Seen by the outer work before commit: same transaction.
            assertThat(users().findById(created.id())).contains(created);
            throw boom;
        })).isSameAs(boom);

        assertThat(users().findByAccount(inner)).isEmpty();
    }

    @Test
    void workOfSeveralRepositoryCallsShouldCommitTogether() {
        Account a = uniqueAccount("uow");
        Account b = uniqueAccount("uow");

        unitOfWork().run(() -> {
            users().create(a, profile("A"), passwordHash());
            users().create(b, profile("B"), passwordHash());
        });

        assertThat(users().findByAccount(a)).isPresent();
        assertThat(users().findByAccount(b)).isPresent();
    }
}
