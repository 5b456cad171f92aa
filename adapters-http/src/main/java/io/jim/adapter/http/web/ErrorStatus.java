package io.jim.adapter.http.web;

import io.jim.domain.shared.ErrorCode;

/** The HTTP status and PROTOCOL.md result code of each {@link ErrorCode}. */
public record ErrorStatus(int httpStatus, int wireCode) {

    /**
     * The exhaustive mapping (no default): a new {@link ErrorCode} does not compile until HTTP decides
     * how to answer it.
     */
    public static ErrorStatus of(ErrorCode code) {
        return switch (code) {
            case INTERNAL -> new ErrorStatus(500, 1);
            case NOT_FRIENDS -> new ErrorStatus(403, 2);
            case NOT_IN_GROUP -> new ErrorStatus(403, 3);
            case UNAUTHENTICATED -> new ErrorStatus(401, 4);
            case INVALID_ARGUMENT -> new ErrorStatus(400, 5);
            case NOT_FOUND -> new ErrorStatus(404, 6);
            case PERMISSION_DENIED -> new ErrorStatus(403, 7);
            case CONFLICT -> new ErrorStatus(409, 8);
            case RATE_LIMITED -> new ErrorStatus(429, 9);
            case TOO_LARGE -> new ErrorStatus(413, 10);
            case UNAVAILABLE -> new ErrorStatus(503, 11);
        };
    }

    /**
     * The symbolic code for a status that the framework produced itself (404 unknown path, 405 wrong
     * method, 413 body too large …), so that those answers carry the same body as the others.
     */
    public static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
        };
    }
}
