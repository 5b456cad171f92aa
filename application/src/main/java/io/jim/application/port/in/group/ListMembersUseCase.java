package io.jim.application.port.in.group;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;
import java.util.List;

/** Lists a group's members (members only; NOT_FOUND otherwise). */
public interface ListMembersUseCase {

    List<Member> list(UserId caller, GroupId groupId);
}
