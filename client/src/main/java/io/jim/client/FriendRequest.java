package io.jim.client;

/**
 * A friend request.
 *
 * @param requestId  the request's id
 * @param fromUserId who asked
 * @param toUserId   who was asked
 * @param message    the asker's note (may be null or empty)
 * @param status     PENDING, ACCEPTED or REJECTED
 * @param createdAt  creation time in epoch milliseconds
 */
public record FriendRequest(long requestId, long fromUserId, long toUserId, String message, String status,
                            long createdAt) {

    /** Which pending requests to list. */
    public enum Direction {
        /** Requests others sent to the caller. */
        INCOMING,
        /** Requests the caller sent. */
        OUTGOING
    }
}
