package io.jim.client;

/**
 * A friend of the caller: the friend's public profile plus the caller's remark and the friendship's start.
 *
 * @param userId    the friend's id
 * @param account   the friend's account
 * @param nickname  the friend's nickname
 * @param sex       0 unknown, 1 male, 2 female
 * @param avatarUrl the avatar URL (may be null or empty)
 * @param remark    the caller's remark (may be null or empty)
 * @param since     when the friendship began, epoch milliseconds
 */
public record Friend(long userId, String account, String nickname, int sex, String avatarUrl, String remark,
                     long since) {
}
