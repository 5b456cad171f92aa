package io.jim.application.port.in.friend;


/** Accepts a pending request (receiver only) and returns the new friend. */
public interface AcceptFriendRequestUseCase {

    Friend accept(DecideFriendRequestCommand command);
}
