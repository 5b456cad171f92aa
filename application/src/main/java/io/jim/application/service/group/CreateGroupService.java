package io.jim.application.service.group;

import io.jim.application.config.Limits;
import io.jim.application.port.in.group.CreateGroupCommand;
import io.jim.application.port.in.group.CreateGroupUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.application.service.support.Committed;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.group.GroupRole;
import io.jim.domain.message.FanOut;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates a group: the creator becomes OWNER and a member, {@code member_ids} (duplicates and the
 * creator ignored) MEMBERs. More members than {@link Limits#maxGroupMembers()} → CONFLICT; ids that
 * are not users → INVALID_ARGUMENT on {@code member_ids} naming them. Command 120 listing every
 * initial member (the creator included) goes to all of them in the same transaction; pushed after it.
 */
public final class CreateGroupService implements CreateGroupUseCase {

    private final UserRepository users;
    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final Limits limits;
    private final ServerEvents events;

    public CreateGroupService(UserRepository users, GroupRepository groups, InboxRepository inbox,
            MessageIdGenerator ids, UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock, Limits limits) {
        this.users = Objects.requireNonNull(users, "users");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public Group create(CreateGroupCommand command) {
        UserId creator = command.creator();
        List<UserId> others = new ArrayList<>(GroupAccess.distinct(command.memberIds()));
        others.remove(creator);
        GroupPolicy.checkCapacity(1 + others.size(), limits.maxGroupMembers());
        GroupAccess.checkAllExist(users, others, "member_ids");

        Committed<Group> done = unitOfWork.inTransaction(() -> {
            Instant now = clock.instant();
            Group group = groups.create(command.profile(), creator, now);
            groups.addMembers(group.id(), List.of(creator), GroupRole.OWNER, now);
            if (!others.isEmpty()) {
                groups.addMembers(group.id(), others, GroupRole.MEMBER, now);
            }
            List<UserId> members = new ArrayList<>(others);
            members.add(creator);
            List<UserId> everyone = FanOut.group(members);
            Group created = groups.find(group.id()).orElseThrow();
            return Committed.of(created,
                    events.toGroup(GroupEvents.membersAdded(group.id(), creator, everyone), group.id(), everyone));
        });
        gateway.deliver(done.events(), DeviceId.NONE);
        return done.value();
    }
}
