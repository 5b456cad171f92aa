package io.jim.adapter.http.message;

import java.util.List;

/** Body of POST /api/messages (the fields of TCP MessageSend). */
public record SendMessageRequest(Integer receiverType, Long receiverId, Integer type, String content, Long sendSequence, List<Long> toUserIds) {
}
