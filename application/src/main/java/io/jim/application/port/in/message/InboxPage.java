package io.jim.application.port.in.message;

import io.jim.domain.message.InboxEntry;
import java.util.List;

/** A page of one inbox in ascending sequence, and whether more copies exist after it. */
public record InboxPage(List<InboxEntry> entries, boolean hasMore) {

    public InboxPage {
        entries = List.copyOf(entries);
    }
}
