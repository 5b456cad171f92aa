package io.jim.application.port.in.message;

import io.jim.domain.message.Receiver;
import io.jim.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A business message from a backend: to a user or group, or to a list of users. */
public record AdminPushCommand(Optional<Receiver> receiver, List<UserId> userIds, int type, String content) {

    public AdminPushCommand {
        Objects.requireNonNull(receiver, "receiver");
        userIds = List.copyOf(userIds);
        Objects.requireNonNull(content, "content");
    }
}
