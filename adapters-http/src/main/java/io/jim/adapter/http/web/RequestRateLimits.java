package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.jim.application.config.RateLimit;
import io.jim.application.port.in.account.Principal;
import io.jim.application.service.ratelimit.RateLimiter;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The before-handler (after {@link BearerAuth}) that refuses requests past the HTTP limits with 429
 * RATE_LIMITED, the standard error body and a {@code Retry-After} header in whole seconds: requests
 * per signed-in device (one token), and logins/sign-ups per client address. Limiter entries of idle
 * keys expire, so memory stays bounded (see {@link RateLimiter}).
 */
public final class RequestRateLimits implements Handler {

    /** The routes that take a password: login and sign-up. */
    public static final Set<String> LOGIN_ROUTES = Set.of("POST /api/sessions", "POST /api/users");

    private final RateLimiter<DeviceId> perToken;
    private final RateLimiter<String> perAddress;
    private final boolean exemptLoopback;

    public RequestRateLimits(RateLimit perToken, RateLimit perAddress, boolean exemptLoopback, LongSupplier nanoTime) {
        this.perToken = new RateLimiter<>(Objects.requireNonNull(perToken, "perToken"), nanoTime);
        this.perAddress = new RateLimiter<>(Objects.requireNonNull(perAddress, "perAddress"), nanoTime);
        this.exemptLoopback = exemptLoopback;
    }

    @Override
    public void handle(Context ctx) {
        Route route = Routes.matched(ctx);
        if (route != null && LOGIN_ROUTES.contains(route.key())) {
            String address = ctx.req().getRemoteAddr();
            if (!(exemptLoopback && isLoopback(address)) && !perAddress.tryAcquire(address)) {
                throw refused(ctx, perAddress.retryAfterNanos(address), "too many logins from your address");
            }
        }
        Principal principal = BearerAuth.principalIfAny(ctx).orElse(null);
        if (principal != null && !perToken.tryAcquire(principal.deviceId())) {
            throw refused(ctx, perToken.retryAfterNanos(principal.deviceId()), "too many requests");
        }
    }

    private static DomainException refused(Context ctx, long retryAfterNanos, String what) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(retryAfterNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        ctx.header("Retry-After", Long.toString(seconds));
        return new DomainException(ErrorCode.RATE_LIMITED, what + "; retry in " + seconds + " s");
    }

    /** Whether the socket's address literal (IPv4, or IPv6 with or without brackets) is a loopback one; no name lookup. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
    }
}
