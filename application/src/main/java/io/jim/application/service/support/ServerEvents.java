package io.jim.application.service.support;

import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.FanOut;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.Sender;
import io.jim.domain.message.ServerCommand;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Writes server-made events (PROTOCOL.md section 6: type 7, sender SYSTEM) into inboxes. Must be called
 * inside the {@link io.jim.application.port.out.UnitOfWork} transaction of the change it announces; the
 * caller pushes the returned copies after that transaction has committed.
 */
public final class ServerEvents {

    private final InboxRepository inbox;
    private final MessageIdGenerator ids;
    private final Clock clock;

    public ServerEvents(InboxRepository inbox, MessageIdGenerator ids, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A user-level event: since each copy's receiver must be its owner (receiver_type 1, receiver_id =
     * the inbox owner), every owner gets its own message with its own id.
     */
    public List<InboxEntry> toUsers(ServerCommand command, List<UserId> owners) {
        String content = command.toJson();
        List<InboxEntry> entries = new ArrayList<>(owners.size());
        // Ascending owner order: inbox counters are locked in that order by every writer, so two
        // transactions writing the same two inboxes never wait on each other crosswise.
        for (UserId owner : FanOut.users(owners)) {
            Message message = new Message(ids.next(), Sender.SYSTEM, new Receiver.User(owner), MessageType.COMMAND,
                    content, List.of(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            entries.addAll(inbox.append(message, List.of(owner)));
        }
        return entries;
    }

    /** A group event: one message addressed to the group, one copy in each member's inbox. */
    public List<InboxEntry> toGroup(ServerCommand command, GroupId group, Collection<UserId> members) {
        Message message = new Message(ids.next(), Sender.SYSTEM, new Receiver.Group(group), MessageType.COMMAND,
                command.toJson(), List.of(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return inbox.append(message, FanOut.group(members));
    }
}
