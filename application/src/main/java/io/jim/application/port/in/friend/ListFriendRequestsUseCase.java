package io.jim.application.port.in.friend;

import io.jim.domain.friend.FriendRequest;
import io.jim.domain.user.UserId;
import java.util.List;

/** Lists pending friend requests to or from the caller, newest first. */
public interface ListFriendRequestsUseCase {

    List<FriendRequest> list(UserId caller, boolean incoming);
}
