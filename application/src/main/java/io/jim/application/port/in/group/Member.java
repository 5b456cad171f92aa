package io.jim.application.port.in.group;

import io.jim.domain.group.GroupMember;
import io.jim.domain.user.User;

/** A group member with the user it is. */
public record Member(GroupMember member, User user) {
}
