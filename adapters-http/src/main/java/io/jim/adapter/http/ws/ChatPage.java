package io.jim.adapter.http.ws;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.jim.adapter.http.web.StaticFileRole;
import java.util.Map;
import java.util.Set;

/**
 * The browser chat client: plain HTML, CSS and JavaScript from the class path ({@code /web}), served at
 * {@code /}. It talks to the HTTP API for accounts, friends and groups and to {@link WebSocketEndpoint}
 * for messages. Unknown paths still end in the API's JSON 404.
 */
public final class ChatPage {

    /** Where the files live on the class path. */
    public static final String RESOURCES = "/web";

    private ChatPage() {
    }

    /** Serves the files at the root path, same-origin only, never cached stale. */
    public static void configure(StaticFileConfig files) {
        files.hostedPath = "/";
        files.directory = RESOURCES;
        files.location = Location.CLASSPATH;
        files.roles = Set.of(StaticFileRole.PUBLIC);
        files.headers = Map.of(
                "Cache-Control", "no-cache",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
}
