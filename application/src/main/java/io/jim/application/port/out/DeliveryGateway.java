package io.jim.application.port.out;

import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import java.util.List;

/**
 * Real-time delivery to the devices that are online now (implemented by the connection layer). Called
 * only after commit. Never blocks on the network and never fails the caller: a device that is offline
 * or whose connection is gone is skipped (sync repairs it).
 */
public interface DeliveryGateway {

    /**
     * Pushes each entry to every online device of its owner, except {@code exceptDevice} (the sending
     * device; {@link DeviceId#NONE} to exclude none). Per device, pushes go out in increasing sequence.
     */
    void deliver(List<InboxEntry> entries, DeviceId exceptDevice);

    /** Disconnects the device's live connection, if any, with the given reason. */
    void kick(DeviceId device, KickReason reason);

    /** Why a connection is closed by the server. */
    enum KickReason {
        SIGNED_IN_ELSEWHERE,
        SIGNED_OUT,
        PROTOCOL_ERROR,
        SERVER_SHUTDOWN
    }
}
