package io.jim.domain.message;

import io.jim.domain.group.GroupId;
import io.jim.domain.user.UserId;
import java.util.Objects;

/** The original addressee of a message, kept in every inbox copy. */
public sealed interface Receiver {

    ReceiverType type();

    /** The addressee's id as it goes on the wire. */
    long idValue();

    /** A 1:1 message to a user (or a server event addressed to the inbox owner). */
    record User(UserId userId) implements Receiver {
        public User {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public ReceiverType type() {
            return ReceiverType.USER;
        }

        @Override
        public long idValue() {
            return userId.value();
        }
    }

    /** A message to a group. */
    record Group(GroupId groupId) implements Receiver {
        public Group {
            Objects.requireNonNull(groupId, "groupId");
        }

        @Override
        public ReceiverType type() {
            return ReceiverType.GROUP;
        }

        @Override
        public long idValue() {
            return groupId.value();
        }
    }

    static Receiver of(ReceiverType type, long id) {
        return switch (type) {
            case USER -> new User(UserId.of(id));
            case GROUP -> new Group(GroupId.of(id));
        };
    }
}
