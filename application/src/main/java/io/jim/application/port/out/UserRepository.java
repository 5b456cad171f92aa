package io.jim.application.port.out;

import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Users. Creating a user also creates its inbox sequence counter (at 0), so sends never have to. */
public interface UserRepository {

    /**
     * Stores a new user with a fresh id and its inbox counter.
     *
     * @throws io.jim.domain.shared.DomainException CONFLICT when the account is taken
     */
    User create(Account account, Profile profile, PasswordHash passwordHash);

    Optional<User> findById(UserId id);

    Optional<User> findByAccount(Account account);

    /** The users among {@code ids} that exist, in no particular order. */
    List<User> findAllById(Collection<UserId> ids);

    /** Writes profile and password hash of an existing user. */
    void update(User user);
}
