package io.jim.domain.group;

import io.jim.domain.shared.DomainException;
import java.util.Locale;

/** A member's role in a group. Exactly one OWNER per group. */
public enum GroupRole {
    OWNER,
    ADMIN,
    MEMBER;

    public static GroupRole parse(String name) {
        if (name == null) {
            throw DomainException.invalid("role", "role is required");
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("role", "role must be OWNER, ADMIN or MEMBER");
        }
    }

    public boolean canManage() {
        return this == OWNER || this == ADMIN;
    }
}
