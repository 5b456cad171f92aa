package io.jim.adapter.http.message;

import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.AdminPushUseCase;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import java.util.Objects;

/** The message use cases the HTTP adapter calls (adminPush serves the admin API). */
public record MessageUseCases(SendMessageUseCase send, SyncInboxUseCase sync, AckInboxUseCase ack, AdminPushUseCase adminPush) {

    public MessageUseCases {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(ack, "ack");
        Objects.requireNonNull(adminPush, "adminPush");
    }
}
