package io.jim.application.port.in.friend;

import io.jim.domain.user.UserId;
import java.util.List;

/** Lists the caller's friends with the caller's remarks. */
public interface ListFriendsUseCase {

    List<Friend> list(UserId caller);
}
