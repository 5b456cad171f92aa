package io.jim.application.service.friend;

import io.jim.application.port.in.friend.AcceptFriendRequestUseCase;
import io.jim.application.port.in.friend.DecideFriendRequestCommand;
import io.jim.application.port.in.friend.Friend;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.application.service.support.Committed;
import io.jim.application.service.support.ServerEvents;
import io.jim.domain.device.DeviceId;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestStatus;
import io.jim.domain.friend.Friendship;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.Text;
import io.jim.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Accepts a pending friend request. Only its receiver decides (PERMISSION_DENIED for its sender,
 * CONFLICT once decided); anyone else gets NOT_FOUND, as for an unknown request. The friendship is
 * stored in both directions (the receiver's remark on its side) and command 101 goes into both inboxes
 * in the same transaction; pushed after it.
 */
public final class AcceptFriendRequestService implements AcceptFriendRequestUseCase {

    private final UserRepository users;
    private final FriendRepository friends;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final ServerEvents events;

    public AcceptFriendRequestService(UserRepository users, FriendRepository friends, InboxRepository inbox,
            MessageIdGenerator ids, UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.friends = Objects.requireNonNull(friends, "friends");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public Friend accept(DecideFriendRequestCommand command) {
        String remark = Text.bounded("remark", command.remark(), 0, 32);
        Committed<Friend> done = unitOfWork.inTransaction(() -> {
            FriendRequest request = FriendRequestDecisions.decidable(friends, command.requestId(), command.caller());
            if (friends.areFriends(request.to(), request.from())) {
                throw DomainException.conflict("you are friends already");
            }
            User sender = users.findById(request.from())
                    .orElseThrow(() -> DomainException.notFound("user " + request.from() + " not found"));
            friends.updateStatus(request.id(), FriendRequestStatus.ACCEPTED);
            friends.befriend(request.to(), request.from(), remark, "", clock.instant());
            Friendship mine = friends.find(request.to(), request.from()).orElseThrow();
            return Committed.of(new Friend(sender, mine),
                    events.toUsers(FriendEvents.requestAccepted(request), List.of(request.from(), request.to())));
        });
        gateway.deliver(done.events(), DeviceId.NONE);
        return done.value();
    }
}
