package io.jim.adapter.http.group;

import io.jim.application.port.in.group.AddMembersUseCase;
import io.jim.application.port.in.group.CreateGroupUseCase;
import io.jim.application.port.in.group.DissolveGroupUseCase;
import io.jim.application.port.in.group.GetGroupUseCase;
import io.jim.application.port.in.group.ListMembersUseCase;
import io.jim.application.port.in.group.ListMyGroupsUseCase;
import io.jim.application.port.in.group.RemoveMemberUseCase;
import io.jim.application.port.in.group.UpdateGroupUseCase;
import io.jim.application.port.in.group.UpdateMemberUseCase;
import java.util.Objects;

/** The group use cases the HTTP adapter calls. */
public record GroupUseCases(
        CreateGroupUseCase create,
        ListMyGroupsUseCase listMine,
        GetGroupUseCase get,
        UpdateGroupUseCase update,
        DissolveGroupUseCase dissolve,
        ListMembersUseCase listMembers,
        AddMembersUseCase addMembers,
        RemoveMemberUseCase removeMember,
        UpdateMemberUseCase updateMember) {

    public GroupUseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(listMine, "listMine");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(dissolve, "dissolve");
        Objects.requireNonNull(listMembers, "listMembers");
        Objects.requireNonNull(addMembers, "addMembers");
        Objects.requireNonNull(removeMember, "removeMember");
        Objects.requireNonNull(updateMember, "updateMember");
    }
}
