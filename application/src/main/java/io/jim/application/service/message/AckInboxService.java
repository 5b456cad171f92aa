package io.jim.application.service.message;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.domain.message.InboxSequence;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a device's acknowledged position: a claim past the inbox's newest sequence counts as the
 * newest; the stored maximum never moves backwards (the repository keeps the maximum). A claim of 0 or
 * less changes nothing and is not an error (MessageACK has no reply to carry one).
 *
 * <p>The cap needs the inbox's newest sequence, one read per ack, and acks are the most frequent frame
 * (every receiving device acks every push: the profile showed this read as the largest single cost of
 * the send path). A user's newest sequence only ever grows, so any value once read stays a valid lower
 * bound: a claim at or below the highest value read so far for that user needs no cap and no read. Every
 * device of a user acks the same sequences, and a read under load often returns a sequence newer than the
 * claim, so most acks skip the read. The remembered values are bounded ({@value #MAX_REMEMBERED} users;
 * past that the map starts afresh, which only costs reads).
 */
public final class AckInboxService implements AckInboxUseCase {

    static final int MAX_REMEMBERED = 1_000_000;

    private final InboxRepository inbox;
    private final DeviceRepository devices;
    /** Per user: the highest newest sequence read so far (a lower bound of the current one). */
    private final ConcurrentHashMap<Long, Long> knownNewest = new ConcurrentHashMap<>();

    public AckInboxService(InboxRepository inbox, DeviceRepository devices) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    @Override
    public void ack(Principal device, long syncSequence) {
        if (syncSequence <= 0) {
            return;
        }
        InboxSequence claimed = InboxSequence.of(syncSequence);
        long user = device.userId().value();
        Long known = knownNewest.get(user);
        if (known != null && syncSequence <= known) {
            devices.ack(device.deviceId(), claimed);
            return;
        }
        InboxSequence newest = inbox.newest(device.userId());
        remember(user, newest.value());
        InboxSequence capped = claimed.isAfter(newest) ? newest : claimed;
        if (capped.isAfter(InboxSequence.ZERO)) {
            devices.ack(device.deviceId(), capped);
        }
    }

    private void remember(long user, long newest) {
        if (newest <= 0) {
            return;
        }
        if (knownNewest.size() >= MAX_REMEMBERED) {
            knownNewest.clear();
        }
        knownNewest.merge(user, newest, Math::max);
    }
}
