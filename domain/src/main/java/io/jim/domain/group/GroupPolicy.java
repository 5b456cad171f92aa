package io.jim.domain.group;

import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;

/** Who may do what in a group (HTTP-API.md "Groups"). Pure rules over roles. */
public final class GroupPolicy {

    private GroupPolicy() {
    }

    /** Renaming and re-describing: OWNER or ADMIN. */
    public static void checkCanUpdate(GroupMember actor) {
        if (!actor.role().canManage()) {
            throw DomainException.denied("only the owner or an admin may update the group");
        }
    }

    /** Dissolving: OWNER only. */
    public static void checkCanDissolve(GroupMember actor) {
        if (actor.role() != GroupRole.OWNER) {
            throw DomainException.denied("only the owner may dissolve the group");
        }
    }

    /**
     * Removing {@code target}: anyone may remove themself (quit) except the OWNER; the OWNER removes
     * anyone else; an ADMIN removes MEMBERs only.
     */
    public static void checkCanRemove(GroupMember actor, GroupMember target) {
        if (actor.userId().equals(target.userId())) {
            if (actor.role() == GroupRole.OWNER) {
                throw DomainException.conflict("the owner cannot quit the group; dissolve it instead");
            }
            return;
        }
        switch (actor.role()) {
            case OWNER -> { }
            case ADMIN -> {
                if (target.role() != GroupRole.MEMBER) {
                    throw DomainException.denied("an admin may remove members only");
                }
            }
            case MEMBER -> throw DomainException.denied("only the owner or an admin may remove others");
        }
    }

    /** Changing a role: the OWNER sets ADMIN or MEMBER on anyone but themself; no one becomes OWNER. */
    public static void checkCanChangeRole(GroupMember actor, GroupMember target, GroupRole newRole) {
        if (newRole == GroupRole.OWNER) {
            throw DomainException.invalid("role", "no one can be made OWNER");
        }
        if (actor.role() != GroupRole.OWNER) {
            throw DomainException.denied("only the owner may change roles");
        }
        if (target.role() == GroupRole.OWNER) {
            throw DomainException.invalid("role", "the owner's role cannot be changed");
        }
    }

    /** The configured member limit, checked before creating or adding. */
    public static void checkCapacity(int resultingCount, int maxMembers) {
        if (resultingCount > maxMembers) {
            throw new DomainException(ErrorCode.CONFLICT, "a group holds at most " + maxMembers + " members");
        }
    }
}
