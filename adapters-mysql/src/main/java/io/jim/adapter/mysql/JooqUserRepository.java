package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.INBOX_COUNTERS;
import static io.jim.adapter.mysql.generated.Tables.USERS;

import io.jim.application.port.out.UserRepository;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Record;

/** {@link UserRepository} on the {@code users} table; creating a user also creates its inbox counter row. */
final class JooqUserRepository implements UserRepository {

    private final JooqUnitOfWork uow;
    private final Clock clock;

    JooqUserRepository(JooqUnitOfWork uow, Clock clock) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public User create(Account account, Profile profile, PasswordHash passwordHash) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Instant now = Rows.stored(clock.instant());
        return uow.withDsl(ctx -> {
            long id;
            try {
                id = Rows.insertReturningId(ctx, ctx.insertInto(USERS)
                        .set(USERS.ACCOUNT, account.value())
                        .set(USERS.NICKNAME, profile.nickname())
                        .set(USERS.SEX, profile.sex().code())
                        .set(USERS.AVATAR_URL, profile.avatarUrl())
                        .set(USERS.EXTRA, profile.extra())
                        .set(USERS.PASSWORD_HASH, passwordHash.encoded())
                        .set(USERS.CREATED_AT, Rows.millis(now)));
            } catch (RuntimeException e) {
                if (SqlFailures.isDuplicateKey(e)) {
                    throw DomainException.conflict("the account " + account + " is taken");
                }
                throw e;
            }
            // Created here, with the user, so that sends only ever UPDATE the counter.
            ctx.insertInto(INBOX_COUNTERS, INBOX_COUNTERS.USER_ID, INBOX_COUNTERS.LAST_SEQUENCE).values(id, 0L).execute();
            return new User(UserId.of(id), account, profile, passwordHash, now);
        });
    }

    @Override
    public Optional<User> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional().map(JooqUserRepository::toUser));
    }

    @Override
    public Optional<User> findByAccount(Account account) {
        Objects.requireNonNull(account, "account");
        return uow.withDsl(ctx -> ctx.selectFrom(USERS).where(USERS.ACCOUNT.eq(account.value())).fetchOptional()
                .map(JooqUserRepository::toUser));
    }

    @Override
    public List<User> findAllById(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> values = ids.stream().map(UserId::value).distinct().toList();
        return uow.withDsl(ctx -> ctx.selectFrom(USERS).where(USERS.ID.in(values)).fetch(JooqUserRepository::toUser));
    }

    @Override
    public void update(User user) {
        Objects.requireNonNull(user, "user");
        Profile p = user.profile();
        uow.withDsl(ctx -> ctx.update(USERS)
                .set(USERS.NICKNAME, p.nickname())
                .set(USERS.SEX, p.sex().code())
                .set(USERS.AVATAR_URL, p.avatarUrl())
                .set(USERS.EXTRA, p.extra())
                .set(USERS.PASSWORD_HASH, user.passwordHash().encoded())
                .where(USERS.ID.eq(user.id().value()))
                .execute());
    }

    private static User toUser(Record r) {
        return new User(
                UserId.of(r.get(USERS.ID)),
                Account.of(r.get(USERS.ACCOUNT)),
                new Profile(r.get(USERS.NICKNAME), Sex.fromCode(r.get(USERS.SEX)), r.get(USERS.AVATAR_URL), r.get(USERS.EXTRA)),
                new PasswordHash(r.get(USERS.PASSWORD_HASH)),
                Rows.instant(r.get(USERS.CREATED_AT)));
    }
}
