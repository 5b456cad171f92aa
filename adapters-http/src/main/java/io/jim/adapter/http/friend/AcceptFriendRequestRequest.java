package io.jim.adapter.http.friend;

/** Optional body of POST /api/friends/requests/{request_id}/accept. */
public record AcceptFriendRequestRequest(String remark) {
}
