package io.jim.application.port.out;

/**
 * One connection opened through {@link WireSessions}: what the accepting transport received, handed on in
 * arrival order. Callers call it from one thread at a time. None of the methods blocks on the network.
 * A message that breaks the protocol (not exactly one frame, JSON that is not a frame) ends the
 * connection with Kick{22} like a bad frame on a socket.
 */
public interface WireSession {

    /** One binary message: exactly one TLV frame of PROTOCOL.md, header included. */
    void receiveBinary(byte[] frame);

    /** One text message: one frame as JSON {@code {"type": <code>, "body": {...}}} (docs/WEBSOCKET.md). */
    void receiveText(String json);

    /** The peer went away: forgets the connection (the device goes offline). Idempotent. */
    void close();
}
