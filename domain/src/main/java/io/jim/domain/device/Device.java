package io.jim.domain.device;

import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One client device of a user: its current token (hashed; absent once revoked), the highest
 * send_sequence it has had accepted, and the highest inbox sequence it has acknowledged.
 */
public record Device(
        DeviceId id,
        UserId userId,
        DeviceInfo info,
        Optional<TokenHash> tokenHash,
        SendSequence lastSendSequence,
        AckedSequence acked,
        Instant createdAt) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(lastSendSequence, "lastSendSequence");
        Objects.requireNonNull(acked, "acked");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }
}
