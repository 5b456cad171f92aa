package io.jim.application.service.group;

import io.jim.application.port.in.group.Member;
import io.jim.application.port.in.group.UpdateMemberCommand;
import io.jim.application.port.in.group.UpdateMemberUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.application.service.support.Committed;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Changes a member: its label only by the member itself (else PERMISSION_DENIED), its role only as
 * {@link GroupPolicy#checkCanChangeRole} allows (OWNER sets ADMIN or MEMBER; nobody becomes OWNER).
 * A non-member caller gets NOT_FOUND for the group, a target that is not a member NOT_FOUND for the
 * member. A role that really changes is announced with command 122 to every member in the same
 * transaction; a label is private and not announced.
 */
public final class UpdateMemberService implements UpdateMemberUseCase {

    private final UserRepository users;
    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final ServerEvents events;

    public UpdateMemberService(UserRepository users, GroupRepository groups, InboxRepository inbox,
            MessageIdGenerator ids, UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public Member update(UpdateMemberCommand command) {
        Committed<Member> done = unitOfWork.inTransaction(() -> {
            groups.lock(command.groupId());
            GroupMember actor = GroupAccess.memberOrNotFound(groups, command.groupId(), command.caller());
            GroupMember target = groups.findMember(command.groupId(), command.target())
                    .orElseThrow(() -> DomainException.notFound(
                            "user " + command.target() + " is not a member of the group"));
            GroupMember updated = target;
            if (command.label().isPresent()) {
                if (!command.caller().equals(command.target())) {
                    throw DomainException.denied("only members themselves may set their label");
                }
                updated = updated.withLabel(command.label().get());
            }
            boolean roleChanged = false;
            if (command.role().isPresent()) {
                GroupRole role = command.role().get();
                GroupPolicy.checkCanChangeRole(actor, target, role);
                roleChanged = role != target.role();
                updated = updated.withRole(role);
            }
            User user = users.findById(command.target())
                    .orElseThrow(() -> DomainException.notFound("user " + command.target() + " not found"));
            if (!updated.equals(target)) {
                groups.updateMember(updated);
            }
            List<InboxEntry> announced = roleChanged
                    ? events.toGroup(GroupEvents.roleChanged(command.groupId(), command.caller(), command.target(),
                            updated.role()), command.groupId(), groups.memberIds(command.groupId()))
                    : List.of();
            return Committed.of(new Member(updated, user), announced);
        });
        if (!done.events().isEmpty()) {
            gateway.deliver(done.events(), DeviceId.NONE);
        }
        return done.value();
    }
}
