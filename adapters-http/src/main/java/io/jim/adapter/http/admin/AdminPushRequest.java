package io.jim.adapter.http.admin;

import java.util.List;

/** Body of POST /api/admin/messages: a receiver (type and id) or a list of users, and the message. */
public record AdminPushRequest(Integer receiverType, Long receiverId, List<Long> userIds, Integer type, String content) {
}
