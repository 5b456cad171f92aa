package io.jim.domain.friend;

import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.shared.Text;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** A request from one user to another to become friends. */
public record FriendRequest(
        FriendRequestId id, UserId from, UserId to, String message, FriendRequestStatus status, Instant createdAt) {

    public FriendRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Checks the rules for a new request and returns its validated message text. */
    public static String validateNew(UserId from, UserId to, String message) {
        if (from.equals(to)) {
            throw DomainException.invalid("user_id", "you cannot befriend yourself");
        }
        return Text.bounded("message", message, 0, 256);
    }

    /** Only the receiver decides, and only while the request is pending. */
    public void checkDecidableBy(UserId actor) {
        if (!to.equals(actor)) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED, "only the receiver may accept or reject a friend request");
        }
        if (status != FriendRequestStatus.PENDING) {
            throw DomainException.conflict("the friend request is already " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public FriendRequest withStatus(FriendRequestStatus newStatus) {
        return new FriendRequest(id, from, to, message, newStatus, createdAt);
    }
}
