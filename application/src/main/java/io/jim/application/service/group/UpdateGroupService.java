package io.jim.application.service.group;

import io.jim.application.port.in.group.UpdateGroupCommand;
import io.jim.application.port.in.group.UpdateGroupUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.service.support.Committed;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupMember;
import io.jim.domain.group.GroupPolicy;
import io.jim.domain.group.GroupProfile;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates a group's profile (OWNER or ADMIN; a non-member gets NOT_FOUND). Only the fields given are
 * changed; command 110 carries those whose value really changed ({@code name}, {@code introduction},
 * {@code avatar_url}, {@code extra}) and goes to every member in the same transaction. An update that
 * changes nothing writes and announces nothing.
 */
public final class UpdateGroupService implements UpdateGroupUseCase {

    private final GroupRepository groups;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final ServerEvents events;

    public UpdateGroupService(GroupRepository groups, InboxRepository inbox, MessageIdGenerator ids,
            UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public Group update(UpdateGroupCommand command) {
        Committed<Group> done = unitOfWork.inTransaction(() -> {
            groups.lock(command.groupId());
            GroupMember actor = GroupAccess.memberOrNotFound(groups, command.groupId(), command.caller());
            GroupPolicy.checkCanUpdate(actor);
            Group group = groups.find(command.groupId()).orElseThrow(() -> GroupAccess.notFound(command.groupId()));
            GroupProfile old = group.profile();
            GroupProfile profile = new GroupProfile(
                    command.name().orElse(old.name()),
                    command.introduction().orElse(old.introduction()),
                    command.avatarUrl().orElse(old.avatarUrl()),
                    command.extra().orElse(old.extra()));
            Map<String, Object> changed = new LinkedHashMap<>();
            putIfChanged(changed, "name", old.name(), profile.name());
            putIfChanged(changed, "introduction", old.introduction(), profile.introduction());
            putIfChanged(changed, "avatar_url", old.avatarUrl(), profile.avatarUrl());
            putIfChanged(changed, "extra", old.extra(), profile.extra());
            if (changed.isEmpty()) {
                return Committed.of(group, List.of());
            }
            groups.updateProfile(group.id(), profile);
            return Committed.of(group.withProfile(profile), events.toGroup(
                    GroupEvents.updated(group.id(), command.caller(), changed), group.id(), groups.memberIds(group.id())));
        });
        if (!done.events().isEmpty()) {
            gateway.deliver(done.events(), DeviceId.NONE);
        }
        return done.value();
    }

    private static void putIfChanged(Map<String, Object> changed, String key, String before, String after) {
        if (!before.equals(after)) {
            changed.put(key, after);
        }
    }
}
