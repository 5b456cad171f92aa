package io.jim.adapter.http.friend;

/** Body of PATCH /api/friends/{user_id}. */
public record UpdateRemarkRequest(String remark) {
}
