package io.jim.adapter.http.message;

/** Body of POST /api/messages/ack. */
public record AckRequest(Long syncSequence) {
}
