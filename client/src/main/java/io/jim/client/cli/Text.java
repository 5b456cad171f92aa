package io.jim.client.cli;

/** Text helpers for line-oriented output. */
final class Text {

    private Text() {
    }

    /** {@code s} on one line (tabs and line breaks become spaces, so columns and lines stay intact); "" for null. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
    }
}
