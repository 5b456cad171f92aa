package io.jim.client;

/**
 * The answer to an HTTP send ({@code POST /api/messages}).
 *
 * @param messageId    the stored message's id
 * @param syncSequence the sequence of the sender's own inbox copy
 * @param sendTime     the server's send time in epoch milliseconds
 */
public record SentMessage(long messageId, long syncSequence, long sendTime) {
}
