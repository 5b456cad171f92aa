package io.jim.adapter.tcp;

import io.netty.handler.codec.DecoderException;

/**
 * A client broke the framing or body rules (PROTOCOL.md 4.1): answered with Kick{22} and a close. It
 * extends {@link DecoderException} so that Netty's decoders pass it on unwrapped, and carries no stack
 * trace because it is expected control flow caused by the peer.
 */
final class ProtocolViolationException extends DecoderException {

    ProtocolViolationException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
