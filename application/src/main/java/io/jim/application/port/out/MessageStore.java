package io.jim.application.port.out;

import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.Message;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The send path's storage: de-duplication, the message stored once and its inbox copies, all in one
 * transaction that has committed when {@link #store} returns. An implementation may put several
 * concurrent calls into one transaction (group commit); each caller still gets its own outcome.
 *
 * <p>A request may carry an after-commit action (the send path pushes the copies there). The store runs
 * it once the copies are committed and before {@link #store} returns, and it runs the actions of the
 * requests it commits in the order of their inbox sequences: copies committed one after the other are
 * pushed in that order even when the senders' threads wake up in another (a device that got them out of
 * order would have to sync). When the caller's own unit of work surrounds the store, the commit is the
 * caller's, and the action runs when {@link #store} returns. An action must not block; an exception it
 * throws is logged and does not change the outcome.
 */
public interface MessageStore {

    /**
     * A message to store, with the owners of its copies, the sending device's numbering, and what to do
     * once the copies are committed (see the interface).
     */
    record StoreRequest(Message message, List<UserId> owners, DeviceId device, SendSequence sendSequence,
                        Consumer<Outcome.Stored> afterCommit) {
        public StoreRequest {
            Objects.requireNonNull(message, "message");
            owners = List.copyOf(owners);
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(sendSequence, "sendSequence");
            Objects.requireNonNull(afterCommit, "afterCommit");
        }

        /** A request with nothing to do after the commit. */
        public StoreRequest(Message message, List<UserId> owners, DeviceId device, SendSequence sendSequence) {
            this(message, owners, device, sendSequence, stored -> { });
        }
    }

    /** What happened to a {@link StoreRequest}. */
    sealed interface Outcome {
        /** Committed: the copies in the order of the request's owners, and the sender's receipt. */
        record Stored(SendReceipt receipt, List<InboxEntry> entries) implements Outcome {
        }

        /** The device already used this send_sequence: nothing stored; the original receipt. */
        record Duplicate(SendReceipt original) implements Outcome {
        }

        /** The send_sequence is below the device's highest accepted one and was never used: refused. */
        record SequenceTooLow(SendSequence highestAccepted) implements Outcome {
        }
    }

    /**
     * Stores the request unless it is a retransmission. When {@code sendSequence} is numbered, the check
     * and the device's new highest accepted value are part of the same transaction. The receipt's
     * sequence is the copy of the first owner that equals the sender's user id (the sender's copy), or
     * of the first owner when the sender has none (business and system messages).
     */
    Outcome store(StoreRequest request);

    /** The receipt of an earlier send of {@code device} numbered {@code sendSequence}, if it was stored. */
    Optional<SendReceipt> findReceipt(DeviceId device, SendSequence sendSequence);
}
