package io.jim.adapter.http.admin;

import static io.jim.adapter.http.web.Params.required;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.in.message.AdminPushCommand;
import io.jim.application.port.in.message.AdminPushUseCase;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The admin API for business backends (admin token): push a business message. */
public final class AdminController {

    private final AdminPushUseCase push;
    private final JsonBody json;

    public AdminController(AdminPushUseCase push, JsonBody json) {
        this.push = Objects.requireNonNull(push, "push");
        this.json = Objects.requireNonNull(json, "json");
    }

    public List<Route> routes() {
        return List.of(Route.post("/api/admin/messages", Access.ADMIN, this::push));
    }

    private void push(Context ctx) {
        AdminPushRequest body = json.read(ctx, AdminPushRequest.class);
        boolean hasReceiver = body.receiverType() != null || body.receiverId() != null;
        if (hasReceiver && body.userIds() != null) {
            throw DomainException.invalid("user_ids", "give either receiver_type and receiver_id, or user_ids, not both");
        }
        Optional<Receiver> receiver = Optional.empty();
        List<UserId> users = List.of();
        if (body.userIds() != null) {
            if (body.userIds().isEmpty()) {
                throw DomainException.invalid("user_ids", "user_ids must not be empty");
            }
            users = body.userIds().stream().map(id -> {
                if (id < 0) {
                    throw DomainException.invalid("user_ids", "user_ids must hold non-negative ids");
                }
                return UserId.of(id);
            }).toList();
        } else {
            int type = required(body.receiverType(), "receiver_type");
            long id = required(body.receiverId(), "receiver_id");
            ReceiverType receiverType = ReceiverType.fromCode(type)
                    .orElseThrow(() -> DomainException.invalid("receiver_type", "receiver_type must be 1 (user) or 2 (group)"));
            if (id < 0) {
                throw DomainException.invalid("receiver_id", "receiver_id must not be negative");
            }
            receiver = Optional.of(Receiver.of(receiverType, id));
        }
        var command = new AdminPushCommand(receiver, users, required(body.type(), "type"), required(body.content(), "content"));
        ctx.status(201).json(new AdminPushResponse(push.push(command).value()));
    }
}
