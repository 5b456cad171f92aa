package io.jim.application.port.in.group;


/** Updates a member's label or role; a role change announces command 122. */
public interface UpdateMemberUseCase {

    Member update(UpdateMemberCommand command);
}
