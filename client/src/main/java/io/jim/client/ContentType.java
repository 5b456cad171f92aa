package io.jim.client;

/** The message {@code type} values (content kinds) of the protocol; 1000 and above are application-defined. */
public final class ContentType {
    /** Plain text. */
    public static final int TEXT = 1;
    /** An emoticon/sticker. */
    public static final int FACE = 2;
    /** A voice clip (JSON describing the media). */
    public static final int VOICE = 3;
    /** An image (JSON describing the media). */
    public static final int IMAGE = 4;
    /** A file (JSON describing the media). */
    public static final int FILE = 5;
    /** A location (JSON). */
    public static final int LOCATION = 6;
    /** Server-made events; JSON {@code {"code": ..., "data": {...}}}; clients never send it. */
    public static final int COMMAND = 7;
    /** Application-defined content. */
    public static final int CUSTOM = 8;
    /** The first application-defined kind. */
    public static final int APPLICATION_MIN = 1000;

    private ContentType() {
    }
}
