package io.jim.adapter.http.admin;

/** Answer of POST /api/admin/messages. */
public record AdminPushResponse(long messageId) {
}
