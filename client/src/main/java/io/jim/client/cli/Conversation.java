package io.jim.client.cli;

import io.jim.client.ContentType;
import io.jim.client.InboxMessage;
import io.jim.client.JimClient;
import io.jim.client.OutgoingMessage;
import io.jim.client.ReceiverType;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Where {@code send} and {@code chat} send to: exactly one of {@code --to ACCOUNT} or {@code --group GROUP_ID}
 * (a picocli argument group).
 */
final class Conversation {

    @Option(names = "--to", paramLabel = "ACCOUNT", required = true, description = "A friend's account.")
    String account;

    @Option(names = "--group", paramLabel = "GROUP_ID", required = true, description = "A group you belong to.")
    Long groupId;

    /** The resolved receiver. */
    record Target(int receiverType, long receiverId, String label) {

        OutgoingMessage message(int type, String content) {
            return new OutgoingMessage(receiverType, receiverId, type, content, List.of());
        }

        OutgoingMessage text(String content) {
            return message(ContentType.TEXT, content);
        }

        /** Whether {@code m}, a copy in {@code me}'s inbox, belongs to this conversation. */
        boolean contains(InboxMessage m, long me) {
            if (receiverType == ReceiverType.GROUP) {
                return m.receiverType() == ReceiverType.GROUP && m.receiverId() == receiverId;
            }
            return m.receiverType() == ReceiverType.USER
                    && ((m.senderId() == receiverId && m.receiverId() == me) || (m.senderId() == me && m.receiverId() == receiverId));
        }
    }

    Target resolve(JimClient api) {
        if (groupId != null) {
            return new Target(ReceiverType.GROUP, groupId, "group " + groupId);
        }
        return new Target(ReceiverType.USER, JimCli.userIdOf(api, account), account);
    }
}
