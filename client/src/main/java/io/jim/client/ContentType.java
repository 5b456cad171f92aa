package io.jim.client;

/** The message {@code type} values (content kinds) of the protocol; 1000 and above are application-defined. */
public final class ContentType {
    public static final int TEXT = 1;
    public static final int FACE = 2;
    public static final int VOICE = 3;
    public static final int IMAGE = 4;
    public static final int FILE = 5;
    public static final int LOCATION = 6;
    /** Server-made events; JSON {@code {"code": ..., "data": {...}}}; clients never send it. */
    public static final int COMMAND = 7;
    public static final int CUSTOM = 8;
    /** The first application-defined kind. */
    public static final int APPLICATION_MIN = 1000;

    private ContentType() {
    }
}
