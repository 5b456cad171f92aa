package io.jim.adapter.http.support;

import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.time.Instant;

/** Domain values for stubbed answers. */
public final class Fixtures {

    public static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    private Fixtures() {
    }

    public static User user(long id, String account) {
        return new User(UserId.of(id), Account.of(account), new Profile("Nick " + id, Sex.FEMALE, "https://a/" + id, "{\"k\":1}"),
                new PasswordHash("$argon2id$secret-hash"), T0);
    }
}
