package io.jim.adapter.http.message;

import io.jim.application.port.in.message.InboxPage;
import java.util.List;

/** Answer of GET /api/messages, like the answer to SyncTrigger. */
public record MessagesResponse(List<MessageItemResponse> messages, boolean hasMore) {

    public static MessagesResponse of(InboxPage page) {
        return new MessagesResponse(page.entries().stream().map(MessageItemResponse::of).toList(), page.hasMore());
    }
}
