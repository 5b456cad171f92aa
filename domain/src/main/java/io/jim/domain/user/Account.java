package io.jim.domain.user;

import io.jim.domain.shared.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A user's login name: 3-32 chars of {@code [A-Za-z0-9_.@+-]}, compared case-insensitively (kept in lower case). */
public record Account(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.@+\\-]{3,32}");

    public Account {
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid("account", "account is required");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw DomainException.invalid("account", "account must be 3 to 32 characters of A-Z a-z 0-9 _ . @ + -");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static Account of(String value) {
        return new Account(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
