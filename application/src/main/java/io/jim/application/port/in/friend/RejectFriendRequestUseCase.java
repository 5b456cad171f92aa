package io.jim.application.port.in.friend;


/** Rejects a pending request (receiver only); not announced. */
public interface RejectFriendRequestUseCase {

    void reject(DecideFriendRequestCommand command);
}
