package io.jim.client;

/**
 * A member of a group.
 *
 * @param userId    the member
 * @param nickname  the member's nickname
 * @param avatarUrl the member's avatar URL (may be null or empty)
 * @param role      OWNER, ADMIN or MEMBER
 * @param label     the member's label in the group (may be null or empty)
 * @param joinedAt  when the member joined, epoch milliseconds
 */
public record GroupMember(long userId, String nickname, String avatarUrl, String role, String label, long joinedAt) {
}
