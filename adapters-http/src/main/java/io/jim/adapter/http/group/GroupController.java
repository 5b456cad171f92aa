package io.jim.adapter.http.group;

import static io.jim.adapter.http.web.Params.required;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.BearerAuth;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.Params;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.in.group.CreateGroupCommand;
import io.jim.application.port.in.group.UpdateGroupCommand;
import io.jim.application.port.in.group.UpdateMemberCommand;
import io.jim.domain.group.GroupId;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.group.GroupRole;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Groups: create, list, read, update, dissolve, and their members. */
public final class GroupController {

    private final GroupUseCases useCases;
    private final JsonBody json;

    public GroupController(GroupUseCases useCases, JsonBody json) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.json = Objects.requireNonNull(json, "json");
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/groups", Access.USER, this::create),
                Route.get("/api/groups", Access.USER, this::listMine),
                Route.get("/api/groups/{group_id}", Access.USER, this::get),
                Route.patch("/api/groups/{group_id}", Access.USER, this::update),
                Route.delete("/api/groups/{group_id}", Access.USER, this::dissolve),
                Route.get("/api/groups/{group_id}/members", Access.USER, this::listMembers),
                Route.post("/api/groups/{group_id}/members", Access.USER, this::addMembers),
                Route.delete("/api/groups/{group_id}/members/{user_id}", Access.USER, this::removeMember),
                Route.patch("/api/groups/{group_id}/members/{user_id}", Access.USER, this::updateMember));
    }

    private void create(Context ctx) {
        CreateGroupRequest body = json.read(ctx, CreateGroupRequest.class);
        GroupProfile profile = new GroupProfile(
                required(body.name(), "name"),
                body.introduction(),
                body.avatarUrl(),
                json.extraText(body.extra()).orElse(null));
        List<UserId> members = userIds(required(body.memberIds(), "member_ids"), "member_ids");
        var group = useCases.create().create(new CreateGroupCommand(caller(ctx), profile, members));
        ctx.status(201).json(GroupResponse.of(group, json));
    }

    private void listMine(Context ctx) {
        ctx.json(useCases.listMine().list(caller(ctx)).stream().map(g -> GroupResponse.of(g, json)).toList());
    }

    private void get(Context ctx) {
        ctx.json(GroupResponse.of(useCases.get().get(caller(ctx), groupId(ctx)), json));
    }

    private void update(Context ctx) {
        GroupId id = groupId(ctx);
        UpdateGroupRequest body = json.read(ctx, UpdateGroupRequest.class);
        var command = new UpdateGroupCommand(caller(ctx), id,
                Optional.ofNullable(body.name()),
                Optional.ofNullable(body.introduction()),
                Optional.ofNullable(body.avatarUrl()),
                json.extraText(body.extra()));
        ctx.json(GroupResponse.of(useCases.update().update(command), json));
    }

    private void dissolve(Context ctx) {
        useCases.dissolve().dissolve(caller(ctx), groupId(ctx));
        ctx.status(204);
    }

    private void listMembers(Context ctx) {
        ctx.json(useCases.listMembers().list(caller(ctx), groupId(ctx)).stream().map(MemberResponse::of).toList());
    }

    private void addMembers(Context ctx) {
        GroupId id = groupId(ctx);
        AddMembersRequest body = json.read(ctx, AddMembersRequest.class);
        List<UserId> users = userIds(required(body.userIds(), "user_ids"), "user_ids");
        ctx.json(AddMembersResponse.of(useCases.addMembers().add(caller(ctx), id, users)));
    }

    private void removeMember(Context ctx) {
        GroupId id = groupId(ctx);
        UserId target = UserId.of(Params.pathId(ctx, "user_id"));
        useCases.removeMember().remove(caller(ctx), id, target);
        ctx.status(204);
    }

    private void updateMember(Context ctx) {
        GroupId id = groupId(ctx);
        UserId target = UserId.of(Params.pathId(ctx, "user_id"));
        UpdateMemberRequest body = json.read(ctx, UpdateMemberRequest.class);
        if (body.label() == null && body.role() == null) {
            throw DomainException.invalid("label", "give label (for yourself) or role (as the owner)");
        }
        var command = new UpdateMemberCommand(caller(ctx), id, target,
                Optional.ofNullable(body.label()),
                Optional.ofNullable(body.role()).map(GroupRole::parse));
        ctx.json(MemberResponse.of(useCases.updateMember().update(command)));
    }

    private static GroupId groupId(Context ctx) {
        return GroupId.of(Params.pathId(ctx, "group_id"));
    }

    private static List<UserId> userIds(List<Long> raw, String field) {
        return raw.stream().map(id -> {
            if (id < 0) {
                throw DomainException.invalid(field, field + " must hold non-negative ids");
            }
            return UserId.of(id);
        }).toList();
    }

    private static UserId caller(Context ctx) {
        return BearerAuth.principal(ctx).userId();
    }
}
