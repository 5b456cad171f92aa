package io.jim.adapter.http.friend;

import io.jim.application.port.in.friend.AcceptFriendRequestUseCase;
import io.jim.application.port.in.friend.DeleteFriendUseCase;
import io.jim.application.port.in.friend.ListFriendRequestsUseCase;
import io.jim.application.port.in.friend.ListFriendsUseCase;
import io.jim.application.port.in.friend.RejectFriendRequestUseCase;
import io.jim.application.port.in.friend.SendFriendRequestUseCase;
import io.jim.application.port.in.friend.UpdateFriendRemarkUseCase;
import java.util.Objects;

/** The friend use cases the HTTP adapter calls. */
public record FriendUseCases(
        SendFriendRequestUseCase sendRequest,
        ListFriendRequestsUseCase listRequests,
        AcceptFriendRequestUseCase accept,
        RejectFriendRequestUseCase reject,
        ListFriendsUseCase list,
        UpdateFriendRemarkUseCase updateRemark,
        DeleteFriendUseCase delete) {

    public FriendUseCases {
        Objects.requireNonNull(sendRequest, "sendRequest");
        Objects.requireNonNull(listRequests, "listRequests");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(reject, "reject");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(updateRemark, "updateRemark");
        Objects.requireNonNull(delete, "delete");
    }
}
