package io.jim.application.port.in.group;

import io.jim.domain.group.Group;

/** Creates a group (CONFLICT past the member limit; INVALID_ARGUMENT naming unknown users). */
public interface CreateGroupUseCase {

    Group create(CreateGroupCommand command);
}
