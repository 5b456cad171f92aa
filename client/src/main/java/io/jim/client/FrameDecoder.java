package io.jim.client;

import io.jim.proto.FrameType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental TLV decoder: accepts bytes in chunks split anywhere (even inside a header) and emits
 * complete frames in arrival order.
 *
 * <p>Not thread-safe: one decoder belongs to one connection's reader.
 */
public final class FrameDecoder {

    private final byte[] header = new byte[FrameType.HEADER_BYTES];
    private int headerFilled;
    private byte[] body;
    private int bodyFilled;
    private int type;

    /** A decoder at the start of a stream. */
    public FrameDecoder() {
        // Nothing buffered yet.
    }

    /** Feeds {@code length} bytes from {@code chunk} starting at {@code offset}; each completed frame goes to {@code sink}. */
    public void feed(byte[] chunk, int offset, int length, Consumer<Frame> sink) {
        int pos = offset;
        int end = offset + length;
        if (offset < 0 || length < 0 || end > chunk.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + chunk.length);
        }
        while (true) {
            if (body == null) {
                if (pos == end) {
                    return;
                }
                int n = Math.min(FrameType.HEADER_BYTES - headerFilled, end - pos);
                System.arraycopy(chunk, pos, header, headerFilled, n);
                headerFilled += n;
                pos += n;
                if (headerFilled < FrameType.HEADER_BYTES) {
                    return;
                }
                type = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
                body = new byte[((header[2] & 0xFF) << 8) | (header[3] & 0xFF)];
                bodyFilled = 0;
            }
            // Runs even with no bytes left so that an empty body completes together with its header.
            int n = Math.min(body.length - bodyFilled, end - pos);
            System.arraycopy(chunk, pos, body, bodyFilled, n);
            bodyFilled += n;
            pos += n;
            if (bodyFilled < body.length) {
                return;
            }
            Frame frame = new Frame(type, body);
            body = null;
            headerFilled = 0;
            sink.accept(frame);
        }
    }

    /** Convenience form of {@link #feed(byte[], int, int, Consumer)} that returns the completed frames. */
    public List<Frame> feed(byte[] chunk) {
        List<Frame> frames = new ArrayList<>();
        feed(chunk, 0, chunk.length, frames::add);
        return frames;
    }

    /** Whether a frame has been started but not completed (useful to tell a clean EOF from a truncated one). */
    public boolean hasPartialFrame() {
        return headerFilled > 0;
    }
}
