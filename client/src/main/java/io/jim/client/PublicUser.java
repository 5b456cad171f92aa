package io.jim.client;

/**
 * The public profile of a user ({@code GET /api/users/{id}}, {@code GET /api/users?account=}).
 *
 * @param userId    the user's id
 * @param account   the account (lower case)
 * @param nickname  the nickname
 * @param sex       0 unknown, 1 male, 2 female
 * @param avatarUrl the avatar URL (may be null or empty)
 */
public record PublicUser(long userId, String account, String nickname, int sex, String avatarUrl) {
}
