package io.jim.application.service.message;

import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.application.port.out.InboxRepository;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import java.util.List;
import java.util.Objects;

/**
 * Reads the caller's inbox after a sequence, ascending: one read of {@code limit + 1} copies tells
 * whether more exist. (The TCP adapter may still cut the page to fit a frame, and then says has_more.)
 */
public final class SyncInboxService implements SyncInboxUseCase {

    private final InboxRepository inbox;

    public SyncInboxService(InboxRepository inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    @Override
    public InboxPage sync(SyncQuery query) {
        List<InboxEntry> read = inbox.read(query.owner(), InboxSequence.of(query.after()), query.limit() + 1);
        boolean hasMore = read.size() > query.limit();
        return new InboxPage(hasMore ? read.subList(0, query.limit()) : read, hasMore);
    }
}
