package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Finds the {@link Route} a request matched, in any phase of the request (before, handler, log). */
public final class Routes {

    private Routes() {
    }

    /** The matched route, or null when no route matched (404, 405). */
    public static Route matched(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? null : endpoint.metadata(Route.class);
    }
}
