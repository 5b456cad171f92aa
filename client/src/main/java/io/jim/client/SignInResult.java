package io.jim.client;

/**
 * A successful sign-in (SignInACK with code 0).
 *
 * @param maxSequence the user's newest inbox sequence at sign-in
 * @param serverTime  the server's clock in epoch milliseconds
 */
public record SignInResult(long maxSequence, long serverTime) {
}
