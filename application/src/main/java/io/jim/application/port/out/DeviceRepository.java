package io.jim.application.port.out;

import io.jim.domain.device.Device;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.TokenHash;
import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.user.UserId;
import java.util.Optional;

/** Devices with their token hash, accepted send_sequence and acknowledged inbox position. */
public interface DeviceRepository {

    /** Stores a new device of {@code user} without a token yet, send_sequence 0 and acked 0. */
    Device create(UserId user, DeviceInfo info);

    Optional<Device> findById(DeviceId id);

    /** Replaces the device's info and token hash (a login); the previous token stops matching at once. */
    void replaceToken(DeviceId id, DeviceInfo info, TokenHash tokenHash);

    /** Removes the device's token hash (a logout); no token matches afterwards. */
    void revokeToken(DeviceId id);

    /**
     * Raises the device's acknowledged position to {@code sequence} if that is higher (never lowers it).
     * The caller caps {@code sequence} at the inbox's newest sequence.
     */
    void ack(DeviceId id, InboxSequence sequence);

    /** The highest position acknowledged by any device of {@code user} (NONE when none has acked). */
    AckedSequence maxAckedOfUser(UserId user);
}
