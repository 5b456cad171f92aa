package io.jim.adapter.http.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointMetadata;
import java.util.Objects;

/**
 * One entry of the route table: method, path template (Javalin syntax, as in the OpenAPI document),
 * who may call it, and its handler. Attached to its Javalin endpoint as metadata so that the auth
 * handler, the request log and the metrics see the template rather than the raw path.
 */
public record Route(HandlerType method, String path, Access access, Handler handler) implements EndpointMetadata {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Access access, Handler handler) {
        return new Route(HandlerType.GET, path, access, handler);
    }

    public static Route post(String path, Access access, Handler handler) {
        return new Route(HandlerType.POST, path, access, handler);
    }

    public static Route patch(String path, Access access, Handler handler) {
        return new Route(HandlerType.PATCH, path, access, handler);
    }

    public static Route delete(String path, Access access, Handler handler) {
        return new Route(HandlerType.DELETE, path, access, handler);
    }

    /** "GET /api/users/{user_id}": how the route is named in logs and test messages. */
    public String key() {
        return method.name() + " " + path;
    }

    @Override
    public String toString() {
        return "Route[" + key() + ", " + access + "]";
    }
}
