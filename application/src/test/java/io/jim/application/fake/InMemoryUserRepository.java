package io.jim.application.fake;

import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An in-memory {@link UserRepository}; ids from 1 upwards; thread-safe. */
public final class InMemoryUserRepository implements UserRepository {

    private final Clock clock;
    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<Account, UserId> byAccount = new HashMap<>();
    private long lastId;

    public InMemoryUserRepository() {
        this(new MutableClock());
    }

    public InMemoryUserRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized User create(Account account, Profile profile, PasswordHash passwordHash) {
        Objects.requireNonNull(account, "account");
        if (byAccount.containsKey(account)) {
            throw DomainException.conflict("the account is taken");
        }
        User user = new User(UserId.of(++lastId), account, profile, passwordHash, clock.instant());
        byId.put(user.id(), user);
        byAccount.put(account, user.id());
        return user;
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByAccount(Account account) {
        return Optional.ofNullable(byAccount.get(account)).map(byId::get);
    }

    @Override
    public synchronized List<User> findAllById(Collection<UserId> ids) {
        List<User> found = new ArrayList<>();
        for (UserId id : new java.util.LinkedHashSet<>(ids)) {
            User user = byId.get(id);
            if (user != null) {
                found.add(user);
            }
        }
        return found;
    }

    @Override
    public synchronized void update(User user) {
        if (!byId.containsKey(user.id())) {
            return;
        }
        byId.put(user.id(), user);
    }

    /** Every stored user (a test's view of the table). */
    public synchronized List<User> all() {
        return List.copyOf(byId.values());
    }
}
