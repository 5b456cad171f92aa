package io.jim.application.service.group;

import io.jim.application.config.Limits;
import io.jim.application.port.in.group.AddMembersResult;
import io.jim.application.port.in.group.AddMembersUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.application.service.support.Committed;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.group.GroupRole;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Adds users to a group as MEMBERs. Any member may add (a non-member gets NOT_FOUND); the added need
 * not be the adder's friends. An empty list, or ids that are not users (named in the message), →
 * INVALID_ARGUMENT on {@code user_ids}; past {@link Limits#maxGroupMembers()} → CONFLICT. Users who
 * are members already are reported, not re-added. Command 120 with {@code user_ids} = the added ones
 * goes to every member after the change, in the same transaction; nothing is announced when nobody
 * was added.
 */
public final class AddMembersService implements AddMembersUseCase {

    private final UserRepository users;
    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final Limits limits;
    private final ServerEvents events;

    public AddMembersService(UserRepository users, GroupRepository groups, InboxRepository inbox,
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
    public AddMembersResult add(UserId caller, GroupId groupId, List<UserId> userIds) {
        List<UserId> requested = GroupAccess.distinct(userIds);
        if (requested.isEmpty()) {
            throw DomainException.invalid("user_ids", "user_ids must name at least one user");
        }
        Committed<AddMembersResult> done = unitOfWork.inTransaction(() -> {
            // Membership changes of one group are serialised, so counts and roles checked here hold at commit.
            groups.lock(groupId);
            GroupAccess.memberOrNotFound(groups, groupId, caller);
            GroupAccess.checkAllExist(users, requested, "user_ids");
            Set<UserId> current = new HashSet<>(groups.memberIds(groupId));
            List<UserId> added = new ArrayList<>();
            List<UserId> already = new ArrayList<>();
            for (UserId user : requested) {
                (current.contains(user) ? already : added).add(user);
            }
            if (added.isEmpty()) {
                return Committed.of(new AddMembersResult(added, already), List.of());
            }
            GroupPolicy.checkCapacity(current.size() + added.size(), limits.maxGroupMembers());
            groups.addMembers(groupId, added, GroupRole.MEMBER, clock.instant());
            List<UserId> after = new ArrayList<>(current);
            after.addAll(added);
            return Committed.of(new AddMembersResult(added, already),
                    events.toGroup(GroupEvents.membersAdded(groupId, caller, added), groupId, after));
        });
        if (!done.events().isEmpty()) {
            gateway.deliver(done.events(), DeviceId.NONE);
        }
        return done.value();
    }
}
