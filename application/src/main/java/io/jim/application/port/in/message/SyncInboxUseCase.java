package io.jim.application.port.in.message;


/** Reads the caller's inbox after a sequence (the answer to SyncTrigger and GET /api/messages). */
public interface SyncInboxUseCase {

    InboxPage sync(SyncQuery query);
}
