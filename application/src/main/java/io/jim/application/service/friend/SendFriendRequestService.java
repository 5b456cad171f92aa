package io.jim.application.service.friend;

import io.jim.application.port.in.friend.Friend;
import io.jim.application.port.in.friend.FriendRequestOutcome;
import io.jim.application.port.in.friend.SendFriendRequestCommand;
import io.jim.application.port.in.friend.SendFriendRequestUseCase;
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
import io.jim.domain.message.InboxEntry;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a friend request: to oneself → INVALID_ARGUMENT ({@code user_id}); to an unknown user →
 * NOT_FOUND; already friends, or a request from the caller still pending → CONFLICT. When the other
 * user has already asked the caller, that request is accepted instead (command 101, result
 * {@link FriendRequestOutcome.BecameFriends}); otherwise a pending request is stored (command 100).
 * The command goes into both users' inboxes in the same transaction and is pushed after it.
 */
public final class SendFriendRequestService implements SendFriendRequestUseCase {

    private final UserRepository users;
    private final FriendRepository friends;
    private final UnitOfWork unitOfWork;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final ServerEvents events;

    public SendFriendRequestService(UserRepository users, FriendRepository friends, InboxRepository inbox,
            MessageIdGenerator ids, UnitOfWork unitOfWork, DeliveryGateway gateway, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.friends = Objects.requireNonNull(friends, "friends");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = new ServerEvents(inbox, ids, clock);
    }

    @Override
    public FriendRequestOutcome send(SendFriendRequestCommand command) {
        UserId from = command.from();
        UserId to = command.to();
        String message = FriendRequest.validateNew(from, to, command.message());
        User target = users.findById(to).orElseThrow(() -> DomainException.notFound("user " + to + " not found"));

        Committed<FriendRequestOutcome> done = unitOfWork.inTransaction(() -> {
            // Serialises this pair's changes: the checks below stay true until commit (two identical
            // requests, or two crossing ones, would otherwise both pass them).
            friends.lockPair(from, to);
            if (friends.areFriends(from, to)) {
                throw DomainException.conflict("you are friends already");
            }
            if (friends.findPending(from, to).isPresent()) {
                throw DomainException.conflict("a friend request to this user is pending already");
            }
            Optional<FriendRequest> theirs = friends.findPending(to, from);
            if (theirs.isPresent()) {
                FriendRequest accepted = theirs.get();
                friends.updateStatus(accepted.id(), FriendRequestStatus.ACCEPTED);
                friends.befriend(from, to, "", "", clock.instant());
                Friendship mine = friends.find(from, to).orElseThrow();
                List<InboxEntry> copies =
                        events.toUsers(FriendEvents.requestAccepted(accepted), List.of(accepted.from(), accepted.to()));
                return Committed.<FriendRequestOutcome>of(
                        new FriendRequestOutcome.BecameFriends(new Friend(target, mine)), copies);
            }
            FriendRequest request = friends.createRequest(from, to, message, clock.instant());
            return Committed.<FriendRequestOutcome>of(new FriendRequestOutcome.Requested(request),
                    events.toUsers(FriendEvents.requestSent(request), List.of(from, to)));
        });
        gateway.deliver(done.events(), DeviceId.NONE);
        return done.value();
    }
}
