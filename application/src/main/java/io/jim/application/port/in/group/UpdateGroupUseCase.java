package io.jim.application.port.in.group;

import io.jim.domain.group.Group;

/** Updates a group profile and announces it (command 110). */
public interface UpdateGroupUseCase {

    Group update(UpdateGroupCommand command);
}
