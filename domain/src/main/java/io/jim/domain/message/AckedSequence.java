package io.jim.domain.message;

/**
 * The highest inbox sequence a device has acknowledged with nothing missing before it. It only moves
 * forward and never past the inbox's newest sequence.
 */
public record AckedSequence(InboxSequence value) {

    public static final AckedSequence NONE = new AckedSequence(InboxSequence.ZERO);

    public AckedSequence {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** The position after acknowledging {@code claimed}, given the inbox's {@code newest} sequence. */
    public AckedSequence advance(InboxSequence claimed, InboxSequence newest) {
        InboxSequence capped = claimed.isAfter(newest) ? newest : claimed;
        return capped.isAfter(value) ? new AckedSequence(capped) : this;
    }
}
