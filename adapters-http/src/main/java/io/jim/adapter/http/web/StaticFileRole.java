package io.jim.adapter.http.web;

import io.javalin.security.RouteRole;

/**
 * The role that static files carry (the browser chat page): {@link BearerAuth} lets requests for them
 * through without a token. Endpoints never carry it, so a route without {@link Route} metadata still fails closed.
 */
public enum StaticFileRole implements RouteRole {
    PUBLIC
}
