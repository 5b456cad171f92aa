package io.jim.domain.message;

/** Counts UTF-8 bytes without allocating an encoded copy (the content limit is in UTF-8 bytes). */
public final class ContentSize {

    private ContentSize() {
    }

    public static int utf8Bytes(CharSequence s) {
        int bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate is encoded as '?', as String.getBytes and protobuf do
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
