package io.jim.application.port.in.message;

import io.jim.domain.message.SendReceipt;

/** A successful send: the receipt, and whether it was a retransmission answered with the original. */
public record SendResult(SendReceipt receipt, boolean retransmission) {
}
