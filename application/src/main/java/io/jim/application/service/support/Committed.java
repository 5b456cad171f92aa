package io.jim.application.service.support;

import io.jim.domain.message.InboxEntry;
import java.util.List;

/** What a transaction produced: its result and the event copies to push once it has committed. */
public record Committed<T>(T value, List<InboxEntry> events) {

    public Committed {
        events = List.copyOf(events);
    }

    public static <T> Committed<T> of(T value, List<InboxEntry> events) {
        return new Committed<>(value, events);
    }
}
