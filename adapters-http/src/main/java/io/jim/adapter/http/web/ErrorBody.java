package io.jim.adapter.http.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: the PROTOCOL.md result code, its name and a text for people;
 * {@code field} names the offending input on a 400 when there is one (omitted otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(int code, String error, String message, String field) {
}
