package io.jim.adapter.http.friend;

/** Body of POST /api/friends/requests. */
public record SendFriendRequestRequest(Long userId, String message) {
}
