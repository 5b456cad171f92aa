package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.proto.Message;
import io.jim.proto.SyncTrigger;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a SyncTrigger frame into an inbox read and the one Message{type 1} batch that answers it. */
final class SyncProcessor {

    private static final Logger log = LoggerFactory.getLogger(SyncProcessor.class);

    private final SyncInboxUseCase useCase;
    private final TcpMetrics metrics;

    SyncProcessor(SyncInboxUseCase useCase, TcpMetrics metrics) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Always answers, with an empty batch when nothing is newer. Failures of the read propagate: there is
     * no error field in Message, and an empty or partial answer would make the client believe it is up to date.
     */
    Message process(Principal caller, SyncTrigger trigger) {
        InboxPage page = useCase.sync(new SyncQuery(caller.userId(), trigger.getSyncSequence(), trigger.getLimit()));
        Message batch = MessageItems.syncBatch(page);
        metrics.syncBatch(batch.getMessagesCount());
        log.debug("sync after={} limit={} -> {} copies, has_more={}",
                trigger.getSyncSequence(), trigger.getLimit(), batch.getMessagesCount(), batch.getHasMore());
        return batch;
    }
}
