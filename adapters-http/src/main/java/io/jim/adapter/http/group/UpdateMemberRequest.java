package io.jim.adapter.http.group;

/** Body of PATCH /api/groups/{group_id}/members/{user_id}: the member's own label, or a role set by the OWNER. */
public record UpdateMemberRequest(String label, String role) {
}
