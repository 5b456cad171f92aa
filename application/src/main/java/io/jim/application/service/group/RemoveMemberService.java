package io.jim.application.service.group;

import io.jim.application.port.in.group.RemoveMemberUseCase;
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
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Removes a member, or quits when the target is the caller, as {@link GroupPolicy#checkCanRemove}
 * allows (a non-member caller gets NOT_FOUND for the group; a target that is not a member gets
 * NOT_FOUND for the member). Command 121 goes to every member before the change, the removed one
 * included, in the same transaction; pushed after it.
 */
public final class RemoveMemberService implements RemoveMemberUseCase {

    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final ServerEvents events;

    public RemoveMemberService(GroupRepository groups, InboxRepository inbox, MessageIdGenerator ids,
            UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public void remove(UserId caller, GroupId groupId, UserId target) {
        List<InboxEntry> copies = unitOfWork.inTransaction(() -> {
            // Membership changes of one group are serialised, so counts and roles checked here hold at commit.
            groups.lock(groupId);
            GroupMember actor = GroupAccess.memberOrNotFound(groups, groupId, caller);
            GroupMember removed = groups.findMember(groupId, target)
                    .orElseThrow(() -> DomainException.notFound("user " + target + " is not a member of the group"));
            GroupPolicy.checkCanRemove(actor, removed);
            List<InboxEntry> announced = events.toGroup(
                    GroupEvents.memberRemoved(groupId, caller, target), groupId, groups.memberIds(groupId));
            groups.removeMember(groupId, target);
            return announced;
        });
        gateway.deliver(copies, DeviceId.NONE);
    }
}
