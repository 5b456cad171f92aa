package io.jim.adapter.http.web;

/** Who may call a route: anyone, a signed-in device (user bearer token), or a business backend (admin token). */
public enum Access {
    PUBLIC,
    USER,
    ADMIN
}
