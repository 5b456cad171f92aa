package io.jim.application.port.in.friend;


/** Sends a friend request (the mutual-request shortcut accepts the other side's pending one). */
public interface SendFriendRequestUseCase {

    FriendRequestOutcome send(SendFriendRequestCommand command);
}
