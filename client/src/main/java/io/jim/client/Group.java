package io.jim.client;

import java.util.Map;

/**
 * A group.
 *
 * @param groupId      the group's id
 * @param name         the name
 * @param introduction the introduction (may be null or empty)
 * @param avatarUrl    the avatar URL (may be null or empty)
 * @param extra        application data (may be null)
 * @param ownerId      the owner
 * @param memberCount  how many members it has
 * @param createdAt    creation time in epoch milliseconds
 */
public record Group(long groupId, String name, String introduction, String avatarUrl, Map<String, Object> extra,
                    long ownerId, int memberCount, long createdAt) {
}
