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
 */
public final class AckInboxService implements AckInboxUseCase {

    private final InboxRepository inbox;
    private final DeviceRepository devices;

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
        InboxSequence newest = inbox.newest(device.userId());
        InboxSequence capped = claimed.isAfter(newest) ? newest : claimed;
        if (capped.isAfter(InboxSequence.ZERO)) {
            devices.ack(device.deviceId(), capped);
        }
    }
}
