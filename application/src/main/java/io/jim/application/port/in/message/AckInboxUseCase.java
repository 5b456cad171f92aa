package io.jim.application.port.in.message;

import io.jim.application.port.in.account.Principal;

/** Records that a device has everything up to a sequence (kept as a never-decreasing maximum, capped at the newest). */
public interface AckInboxUseCase {

    void ack(Principal device, long syncSequence);
}
