package io.jim.domain.message;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A server-made event (message type 7, PROTOCOL.md section 6): a code and its data, rendered as the
 * JSON content {@code {"code": <int>, "data": {...}}}. Data values are numbers, booleans, strings,
 * lists and maps (ids go in as plain numbers: this is wire content).
 */
public record ServerCommand(int code, Map<String, Object> data) {

    public static final int FRIEND_REQUEST_SENT = 100;
    public static final int FRIEND_REQUEST_ACCEPTED = 101;
    public static final int FRIENDSHIP_DELETED = 102;
    public static final int GROUP_UPDATED = 110;
    public static final int GROUP_DISSOLVED = 111;
    public static final int MEMBERS_ADDED = 120;
    public static final int MEMBER_REMOVED = 121;
    public static final int MEMBER_ROLE_CHANGED = 122;

    public ServerCommand {
        Objects.requireNonNull(data, "data");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The message content: compact JSON, keys in insertion order. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(64);
        sb.append("{\"code\":").append(code).append(",\"data\":");
        writeObject(sb, data);
        return sb.append('}').toString();
    }

    private static void writeObject(StringBuilder sb, Map<String, Object> map) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, e.getKey());
            sb.append(':');
            writeValue(sb, e.getValue());
        }
        sb.append('}');
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            writeObject(sb, (Map<String, Object>) m);
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeValue(sb, o);
            }
            sb.append(']');
        } else {
            writeString(sb, v.toString());
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
