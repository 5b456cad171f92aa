package io.jim.adapter.http.account;

import static io.jim.adapter.http.web.Params.required;

import io.javalin.http.Context;
import io.jim.adapter.http.web.Access;
import io.jim.adapter.http.web.BearerAuth;
import io.jim.adapter.http.web.JsonBody;
import io.jim.adapter.http.web.Params;
import io.jim.adapter.http.web.Route;
import io.jim.application.port.in.account.LoginCommand;
import io.jim.application.port.in.account.RegisterUserCommand;
import io.jim.application.port.in.account.UpdateProfileCommand;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.shared.DomainException;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Accounts and devices: registration, login/logout, the caller's profile, and looking users up. */
public final class AccountController {

    private final AccountUseCases useCases;
    private final JsonBody json;

    public AccountController(AccountUseCases useCases, JsonBody json) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.json = Objects.requireNonNull(json, "json");
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/users", Access.PUBLIC, this::register),
                Route.post("/api/sessions", Access.PUBLIC, this::login),
                Route.delete("/api/sessions/current", Access.USER, this::logout),
                // /me before /{user_id}: Javalin takes the first match in registration order.
                Route.get("/api/users/me", Access.USER, this::me),
                Route.patch("/api/users/me", Access.USER, this::updateMe),
                Route.get("/api/users/{user_id}", Access.USER, this::getUser),
                Route.get("/api/users", Access.USER, this::findByAccount));
    }

    private void register(Context ctx) {
        RegisterUserRequest body = json.read(ctx, RegisterUserRequest.class);
        Account account = Account.of(required(body.account(), "account"));
        Password password = new Password(required(body.password(), "password"));
        Profile profile = new Profile(
                required(body.nickname(), "nickname"),
                body.sex() == null ? Sex.UNKNOWN : Sex.fromCode(body.sex()),
                body.avatarUrl() == null ? "" : body.avatarUrl(),
                json.extraText(body.extra()).orElse(null));
        var user = useCases.register().register(new RegisterUserCommand(account, password, profile));
        ctx.status(201).json(UserResponse.of(user, json));
    }

    private void login(Context ctx) {
        LoginRequest body = json.read(ctx, LoginRequest.class);
        Account account = Account.of(required(body.account(), "account"));
        Password password = new Password(required(body.password(), "password"));
        LoginRequest.DeviceRequest device = required(body.device(), "device");
        DeviceType type = DeviceType.fromCode(required(device.type(), "device.type"));
        DeviceInfo info = new DeviceInfo(type, device.brand(), device.model(), device.systemVersion(), device.appVersion());
        Optional<DeviceId> deviceId = Optional.ofNullable(device.deviceId()).map(id -> {
            if (id < 0) {
                throw DomainException.invalid("device.device_id", "device.device_id must not be negative");
            }
            return DeviceId.of(id);
        });
        var result = useCases.login().login(new LoginCommand(account, password, deviceId, info));
        ctx.status(201).json(LoginResponse.of(result));
    }

    private void logout(Context ctx) {
        useCases.logout().logout(BearerAuth.principal(ctx));
        ctx.status(204);
    }

    private void me(Context ctx) {
        ctx.json(UserResponse.of(useCases.me().me(BearerAuth.principal(ctx)), json));
    }

    private void updateMe(Context ctx) {
        UpdateMeRequest body = json.read(ctx, UpdateMeRequest.class);
        if (body.password() != null && body.oldPassword() == null) {
            throw DomainException.invalid("old_password", "old_password is required to change the password");
        }
        Optional<Password> newPassword = Optional.ofNullable(body.password()).map(Password::new);
        var command = new UpdateProfileCommand(
                BearerAuth.principal(ctx).userId(),
                Optional.ofNullable(body.nickname()),
                Optional.ofNullable(body.sex()).map(Sex::fromCode),
                Optional.ofNullable(body.avatarUrl()),
                json.extraText(body.extra()),
                newPassword,
                newPassword.isPresent() ? Optional.of(body.oldPassword()) : Optional.empty());
        ctx.json(UserResponse.of(useCases.updateProfile().update(command), json));
    }

    private void getUser(Context ctx) {
        UserId id = UserId.of(Params.pathId(ctx, "user_id"));
        ctx.json(PublicProfileResponse.of(useCases.getUser().get(id)));
    }

    private void findByAccount(Context ctx) {
        String raw = Params.queryText(ctx, "account")
                .orElseThrow(() -> DomainException.invalid("account", "the account query parameter is required"));
        ctx.json(useCases.findByAccount().find(Account.of(raw)).stream().map(PublicProfileResponse::of).toList());
    }
}
