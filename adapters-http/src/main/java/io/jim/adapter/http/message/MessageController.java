package io.jim.adapter.http.message;

import static io.jim.adapter.http.web.Params.required;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.BearerAuth;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.Params;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.domain.message.SendSequence;
import io.jim.domain.shared.DomainException;
import java.util.List;
import java.util.Objects;

/** Messages over HTTP: send, read the inbox after a sequence, acknowledge. */
public final class MessageController {

    private final MessageUseCases useCases;
    private final JsonBody json;

    public MessageController(MessageUseCases useCases, JsonBody json) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.json = Objects.requireNonNull(json, "json");
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/messages", Access.USER, this::send),
                Route.get("/api/messages", Access.USER, this::sync),
                Route.post("/api/messages/ack", Access.USER, this::ack));
    }

    private void send(Context ctx) {
        SendMessageRequest body = json.read(ctx, SendMessageRequest.class);
        var command = new SendMessageCommand(
                BearerAuth.principal(ctx),
                required(body.receiverType(), "receiver_type"),
                required(body.receiverId(), "receiver_id"),
                required(body.type(), "type"),
                required(body.content(), "content"),
                body.sendSequence() == null ? SendSequence.NONE : SendSequence.of(body.sendSequence()),
                body.toUserIds() == null ? List.of() : body.toUserIds());
        // A retransmission is a success answered with the original receipt: the same 201 and body.
        ctx.status(201).json(SendMessageResponse.of(useCases.send().send(command).receipt()));
    }

    private void sync(Context ctx) {
        // Negative and out-of-range values are clamped by SyncQuery, as for SyncTrigger (PROTOCOL.md 4.4).
        long after = Params.queryLong(ctx, "after_sequence").orElse(0L);
        long limit = Params.queryLong(ctx, "limit").orElse(0L);
        int clampedLimit = (int) Math.max(Math.min(limit, Integer.MAX_VALUE), Integer.MIN_VALUE);
        var query = new SyncQuery(BearerAuth.principal(ctx).userId(), after, clampedLimit);
        ctx.json(MessagesResponse.of(useCases.sync().sync(query)));
    }

    private void ack(Context ctx) {
        AckRequest body = json.read(ctx, AckRequest.class);
        long sequence = required(body.syncSequence(), "sync_sequence");
        if (sequence < 0) {
            throw DomainException.invalid("sync_sequence", "sync_sequence must not be negative");
        }
        useCases.ack().ack(BearerAuth.principal(ctx), sequence);
        ctx.status(204);
    }
}
