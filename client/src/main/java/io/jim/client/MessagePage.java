package io.jim.client;

import java.util.List;

/**
 * One page of the caller's inbox over HTTP ({@code GET /api/messages}), like a sync batch.
 *
 * @param messages the copies after the requested sequence, ascending
 * @param hasMore  whether more copies exist after the last one
 */
public record MessagePage(List<InboxMessage> messages, boolean hasMore) {

    /** Copies the list (a missing list is an empty page). */
    public MessagePage {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
