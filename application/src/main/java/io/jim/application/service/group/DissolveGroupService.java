package io.jim.application.service.group;

import io.jim.application.port.in.group.DissolveGroupUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Dissolves a group (OWNER only; a non-member gets NOT_FOUND): command 111 goes to every member, then
 * the group and its memberships are deleted, all in one transaction; pushed after it.
 */
public final class DissolveGroupService implements DissolveGroupUseCase {

    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final ServerEvents events;

    public DissolveGroupService(GroupRepository groups, InboxRepository inbox, MessageIdGenerator ids,
            UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public void dissolve(UserId caller, GroupId groupId) {
        List<InboxEntry> copies = unitOfWork.inTransaction(() -> {
            // Membership changes of one group are serialised, so counts and roles checked here hold at commit.
            groups.lock(groupId);
            GroupMember actor = GroupAccess.memberOrNotFound(groups, groupId, caller);
            GroupPolicy.checkCanDissolve(actor);
            List<InboxEntry> announced =
                    events.toGroup(GroupEvents.dissolved(groupId, caller), groupId, groups.memberIds(groupId));
            groups.dissolve(groupId);
            return announced;
        });
        gateway.deliver(copies, DeviceId.NONE);
    }
}
