package io.jim.adapter.tcp;

import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.shared.ErrorCode;
import io.jim.proto.ResultCode;

/** The mapping of symbolic outcomes to the TCP wire codes of PROTOCOL.md section 3. */
public final class WireCodes {

    private WireCodes() {
    }

    /** The wire code of a rule violation; exhaustive without default so that a new constant breaks the build here. */
    public static int of(ErrorCode code) {
        return switch (code) {
            case INTERNAL -> ResultCode.INTERNAL;
            case NOT_FRIENDS -> ResultCode.NOT_FRIENDS;
            case NOT_IN_GROUP -> ResultCode.NOT_IN_GROUP;
            case UNAUTHENTICATED -> ResultCode.UNAUTHENTICATED;
            case INVALID_ARGUMENT -> ResultCode.INVALID_ARGUMENT;
            case NOT_FOUND -> ResultCode.NOT_FOUND;
            case PERMISSION_DENIED -> ResultCode.PERMISSION_DENIED;
            case CONFLICT -> ResultCode.CONFLICT;
            case RATE_LIMITED -> ResultCode.RATE_LIMITED;
            case TOO_LARGE -> ResultCode.TOO_LARGE;
            case UNAVAILABLE -> ResultCode.UNAVAILABLE;
        };
    }

    /** The Kick code of a disconnect reason. */
    public static int of(KickReason reason) {
        return switch (reason) {
            case SIGNED_IN_ELSEWHERE -> ResultCode.SIGNED_IN_ELSEWHERE;
            case SIGNED_OUT -> ResultCode.SIGNED_OUT;
            case PROTOCOL_ERROR -> ResultCode.PROTOCOL_ERROR;
            case SERVER_SHUTDOWN -> ResultCode.SERVER_SHUTDOWN;
        };
    }
}
