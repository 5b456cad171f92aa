package io.jim.proto;

/** The result and kick codes of PROTOCOL.md section 3 (the numbers are the contract). */
public final class ResultCode {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int NOT_FRIENDS = 2;
    public static final int NOT_IN_GROUP = 3;
    public static final int UNAUTHENTICATED = 4;
    public static final int INVALID_ARGUMENT = 5;
    public static final int NOT_FOUND = 6;
    public static final int PERMISSION_DENIED = 7;
    public static final int CONFLICT = 8;
    public static final int RATE_LIMITED = 9;
    public static final int TOO_LARGE = 10;
    public static final int UNAVAILABLE = 11;
    public static final int SIGNED_IN_ELSEWHERE = 20;
    public static final int SIGNED_OUT = 21;
    public static final int PROTOCOL_ERROR = 22;
    public static final int SERVER_SHUTDOWN = 23;

    private ResultCode() {
    }
}
