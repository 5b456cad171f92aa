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

/**
 * An in-memory {@link UserRepository}; ids from 1 upwards; thread-safe; rolled back with the given
 * {@link InMemoryUnitOfWork}, if any.
 */
public final class InMemoryUserRepository implements UserRepository, InMemoryUnitOfWork.Participant {

    private final Clock clock;
    private final InMemoryUnitOfWork unitOfWork;
    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<Account, UserId> byAccount = new HashMap<>();
    private long lastId;

    public InMemoryUserRepository() {
        this(new MutableClock());
    }

    public InMemoryUserRepository(Clock clock) {
        this(clock, null);
    }

    /** A repository whose writes inside a transaction of {@code unitOfWork} roll back with it (null: never). */
    public InMemoryUserRepository(Clock clock, InMemoryUnitOfWork unitOfWork) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unitOfWork = unitOfWork;
    }

    private record State(Map<UserId, User> byId, Map<Account, UserId> byAccount) {
    }

    @Override
    public synchronized Object snapshot() {
        return new State(new HashMap<>(byId), new HashMap<>(byAccount));
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State state = (State) snapshot;
        byId.clear();
        byId.putAll(state.byId());
        byAccount.clear();
        byAccount.putAll(state.byAccount());
    }

    private void beforeWrite() {
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
    }

    @Override
    public synchronized User create(Account account, Profile profile, PasswordHash passwordHash) {
        Objects.requireNonNull(account, "account");
        if (byAccount.containsKey(account)) {
            throw DomainException.conflict("the account is taken");
        }
        beforeWrite();
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
        beforeWrite();
        byId.put(user.id(), user);
    }

    /** Every stored user (a test's view of the table). */
    public synchronized List<User> all() {
        return List.copyOf(byId.values());
    }
}
