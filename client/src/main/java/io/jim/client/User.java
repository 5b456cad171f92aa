package io.jim.client;

import java.util.Map;

/**
 * A user as its owner sees it ({@code GET /api/users/me}, the answer to register).
 *
 * @param userId    the user's id
 * @param account   the account (lower case)
 * @param nickname  the nickname
 * @param sex       0 unknown, 1 male, 2 female
 * @param avatarUrl the avatar URL (may be null or empty)
 * @param extra     application data (may be null)
 * @param createdAt creation time in epoch milliseconds
 */
public record User(long userId, String account, String nickname, int sex, String avatarUrl,
                   Map<String, Object> extra, long createdAt) {
}
