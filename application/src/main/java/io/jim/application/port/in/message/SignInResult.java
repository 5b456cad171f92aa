package io.jim.application.port.in.message;

import io.jim.application.port.in.account.Principal;
import io.jim.domain.message.InboxSequence;
import java.time.Instant;

/** A valid sign-in: who is signed in, the user's newest inbox sequence and the server time. */
public record SignInResult(Principal principal, InboxSequence maxSequence, Instant serverTime) {
}
