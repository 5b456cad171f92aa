package io.jim.application.service.message;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.domain.message.InboxSequence;
import java.util.Objects;

/**
 * Records a device's acknowledged position: a claim past the inbox's newest sequence counts as the
 * newest; the stored maximum never moves backwards (the repository keeps the maximum). A claim of 0 or
 * less changes nothing and is not an error (MessageACK has no reply to carry one).
 *
 * <p>The cap needs the inbox's newest sequence, one read per ack, and acks are the most frequent frame
 * (every receiving device acks every push). A user's newest sequence only ever grows, so any committed
 * sequence is a valid lower bound: a claim at or below the {@link InboxWatermarks} value for that user
 * needs no cap and no read. The send service raises the watermark of every owner after the commit and
 * before the push, so the acks of pushed messages never read; a claim above it (a client acking what it
 * synced after a restart of the server, or claiming too much) reads the newest sequence once and raises
 * the watermark to it.
 */
public final class AckInboxService implements AckInboxUseCase {

    private final InboxRepository inbox;
    private final DeviceRepository devices;
    private final InboxWatermarks watermarks;

    public AckInboxService(InboxRepository inbox, DeviceRepository devices, InboxWatermarks watermarks) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    }

    @Override
    public void ack(Principal device, long syncSequence) {
        if (syncSequence <= 0) {
            return;
        }
        InboxSequence claimed = InboxSequence.of(syncSequence);
        if (syncSequence <= watermarks.known(device.userId())) {
            devices.ack(device.deviceId(), claimed);
            return;
        }
        InboxSequence newest = inbox.newest(device.userId());
        watermarks.raise(device.userId(), newest.value());
        InboxSequence capped = claimed.isAfter(newest) ? newest : claimed;
        if (capped.isAfter(InboxSequence.ZERO)) {
            devices.ack(device.deviceId(), capped);
        }
    }
}
