package io.jim.adapter.http.ops;

/** Answer of GET /health: "UP" or "DOWN" for the whole server and for its database. */
public record HealthResponse(String status, String database) {
}
