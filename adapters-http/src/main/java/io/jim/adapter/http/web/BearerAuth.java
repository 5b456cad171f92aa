package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.Principal;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The before-handler of matched routes: checks the bearer token that the route's {@link Access}
 * asks for and puts the caller into the context. A route without {@link Route} metadata is treated
 * as {@link Access#USER}, so a route added without thought fails closed. Static files (the browser chat
 * page) carry {@link StaticFileRole#PUBLIC} and need no token.
 */
public final class BearerAuth implements Handler {

    private static final String PRINCIPAL = "jim.principal";
    private static final String PREFIX = "bearer ";

    private final AuthenticateUseCase authenticate;
    private final Optional<byte[]> adminTokenDigest;

    public BearerAuth(AuthenticateUseCase authenticate, Optional<String> adminToken) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.adminTokenDigest = Objects.requireNonNull(adminToken, "adminToken").map(BearerAuth::sha256);
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().contains(StaticFileRole.PUBLIC)) {
            return; // a static file of the chat page (before-matched handlers run for those too)
        }
        Route route = Routes.matched(ctx);
        Access access = route == null ? Access.USER : route.access();
        switch (access) {
            case PUBLIC -> { }
            case USER -> {
                String token = bearer(ctx).orElseThrow(() -> unauthenticated("a bearer token is required"));
                Principal principal = authenticate.authenticate(token);
                ctx.attribute(PRINCIPAL, principal);
                MDC.put("user_id", Long.toString(principal.userId().value()));
                MDC.put("device_id", Long.toString(principal.deviceId().value()));
            }
            case ADMIN -> checkAdmin(ctx);
        }
    }

    /** The caller of a {@link Access#USER} route (set by this handler before the route runs). */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            // Only a route registered as PUBLIC or ADMIN that asks for a user gets here: a wiring bug.
            throw new IllegalStateException("no authenticated caller on this route");
        }
        return principal;
    }

    /** The caller, if this request was authenticated as a user (for the request log). */
    public static Optional<Principal> principalIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private void checkAdmin(Context ctx) {
        if (adminTokenDigest.isEmpty()) {
            throw unauthenticated("the admin API is disabled: no admin token is configured");
        }
        String token = bearer(ctx).orElseThrow(() -> unauthenticated("the admin token is required"));
        // Comparing digests takes the same time whatever the token's length or first differing byte.
        if (!MessageDigest.isEqual(sha256(token), adminTokenDigest.get())) {
            throw unauthenticated("the admin token is wrong");
        }
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            return Optional.empty();
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static DomainException unauthenticated(String message) {
        return new DomainException(ErrorCode.UNAUTHENTICATED, message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
