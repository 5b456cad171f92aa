package io.jim.adapter.http.friend;

import static io.jim.adapter.http.web.Params.required;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.BearerAuth;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.Params;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.in.friend.DecideFriendRequestCommand;
import io.jim.application.port.in.friend.FriendRequestOutcome;
import io.jim.application.port.in.friend.SendFriendRequestCommand;
import io.jim.domain.friend.FriendRequestId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/** Friends: requests (send, list, accept, reject) and friendships (list, remark, delete). */
public final class FriendController {

    private final FriendUseCases useCases;
    private final JsonBody json;

    public FriendController(FriendUseCases useCases, JsonBody json) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.json = Objects.requireNonNull(json, "json");
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/friends/requests", Access.USER, this::sendRequest),
                Route.get("/api/friends/requests", Access.USER, this::listRequests),
                Route.post("/api/friends/requests/{request_id}/accept", Access.USER, this::accept),
                Route.post("/api/friends/requests/{request_id}/reject", Access.USER, this::reject),
                Route.get("/api/friends", Access.USER, this::list),
                Route.patch("/api/friends/{user_id}", Access.USER, this::updateRemark),
                Route.delete("/api/friends/{user_id}", Access.USER, this::delete));
    }

    private void sendRequest(Context ctx) {
        SendFriendRequestRequest body = json.read(ctx, SendFriendRequestRequest.class);
        UserId to = UserId.of(required(body.userId(), "user_id"));
        var command = new SendFriendRequestCommand(caller(ctx), to, body.message() == null ? "" : body.message());
        switch (useCases.sendRequest().send(command)) {
            case FriendRequestOutcome.Requested r -> ctx.status(201).json(FriendRequestResponse.of(r.request()));
            // The other user had asked already: this request completed a friendship (HTTP-API.md: 200, the friend).
            case FriendRequestOutcome.BecameFriends f -> ctx.status(200).json(FriendResponse.of(f.friend()));
        }
    }

    private void listRequests(Context ctx) {
        String direction = Params.queryText(ctx, "direction").orElse("incoming");
        boolean incoming = switch (direction) {
            case "incoming" -> true;
            case "outgoing" -> false;
            default -> throw DomainException.invalid("direction", "direction must be incoming or outgoing");
        };
        ctx.json(useCases.listRequests().list(caller(ctx), incoming).stream().map(FriendRequestResponse::of).toList());
    }

    private void accept(Context ctx) {
        FriendRequestId id = FriendRequestId.of(Params.pathId(ctx, "request_id"));
        AcceptFriendRequestRequest body = json.readOptional(ctx, AcceptFriendRequestRequest.class);
        var command = new DecideFriendRequestCommand(caller(ctx), id, body.remark() == null ? "" : body.remark());
        ctx.json(FriendResponse.of(useCases.accept().accept(command)));
    }

    private void reject(Context ctx) {
        FriendRequestId id = FriendRequestId.of(Params.pathId(ctx, "request_id"));
        useCases.reject().reject(new DecideFriendRequestCommand(caller(ctx), id, ""));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ctx.json(useCases.list().list(caller(ctx)).stream().map(FriendResponse::of).toList());
    }

    private void updateRemark(Context ctx) {
        UserId friend = UserId.of(Params.pathId(ctx, "user_id"));
        UpdateRemarkRequest body = json.read(ctx, UpdateRemarkRequest.class);
        String remark = required(body.remark(), "remark");
        ctx.json(FriendResponse.of(useCases.updateRemark().updateRemark(caller(ctx), friend, remark)));
    }

    private void delete(Context ctx) {
        useCases.delete().delete(caller(ctx), UserId.of(Params.pathId(ctx, "user_id")));
        ctx.status(204);
    }

    private static UserId caller(Context ctx) {
        return BearerAuth.principal(ctx).userId();
    }
}
