package io.jim.application.service.friend;

import io.jim.application.port.in.friend.DeleteFriendUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Ends a friendship in both directions (NOT_FOUND when they are not friends) and announces it with
 * command 102 in both inboxes, in the same transaction; pushed after it.
 */
public final class DeleteFriendService implements DeleteFriendUseCase {

    private final FriendRepository friends;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final ServerEvents events;

    public DeleteFriendService(FriendRepository friends, InboxRepository inbox, MessageIdGenerator ids,
            UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.friends = Objects.requireNonNull(friends, "friends");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public void delete(UserId caller, UserId friend) {
        List<InboxEntry> copies = unitOfWork.inTransaction(() -> {
            friends.lockPair(caller, friend);
            if (!friends.unfriend(caller, friend)) {
                throw DomainException.notFound("user " + friend + " is not your friend");
            }
            return events.toUsers(FriendEvents.friendshipDeleted(caller, friend), List.of(caller, friend));
        });
        gateway.deliver(copies, DeviceId.NONE);
    }
}
