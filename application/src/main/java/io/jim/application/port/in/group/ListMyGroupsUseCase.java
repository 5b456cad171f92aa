package io.jim.application.port.in.group;

import io.jim.domain.group.Group;
import io.jim.domain.user.UserId;
import java.util.List;

/** Lists the groups the caller belongs to. */
public interface ListMyGroupsUseCase {

    List<Group> list(UserId caller);
}
