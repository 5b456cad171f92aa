package io.jim.application.service.friend;

import io.jim.application.port.in.friend.DecideFriendRequestCommand;
import io.jim.application.port.in.friend.RejectFriendRequestUseCase;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.UnitOfWork;
import io.jim.domain.friend.FriendRequest;
import io.jim.domain.friend.FriendRequestStatus;
import java.util.Objects;

/**
 * Rejects a pending friend request: the same rules as accepting (receiver only; NOT_FOUND for
 * strangers), and, as PROTOCOL.md section 6 says, not announced to anyone.
 */
public final class RejectFriendRequestService implements RejectFriendRequestUseCase {

    private final FriendRepository friends;
    private final UnitOfWork unitOfWork;

    public RejectFriendRequestService(FriendRepository friends, UnitOfWork unitOfWork) {
        this.friends = Objects.requireNonNull(friends, "friends");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    @Override
    public void reject(DecideFriendRequestCommand command) {
        unitOfWork.run(() -> {
            FriendRequest request = FriendRequestDecisions.decidable(friends, command.requestId(), command.caller());
            friends.updateStatus(request.id(), FriendRequestStatus.REJECTED);
        });
    }
}
