package io.jim.application.port.out;

/**
 * Where a {@link WireSession}'s output goes (implemented by the accepting transport). Each call is one
 * whole frame, in the encoding the client last used; calls come from one thread at a time, in order.
 * Implementations must not block: they queue the message (bounded) or close the connection.
 */
public interface WireSink {

    /** Sends one TLV frame, header included, as one binary message. */
    void sendBinary(byte[] frame);

    /** Sends one frame as one JSON text message. */
    void sendText(String json);

    /** Ends the connection from the server side (after a Kick, a timeout, or shutdown). Idempotent. */
    void close();
}
