package io.jim.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.message.Sender;
import java.util.List;

/** Assertions on server-made command events (PROTOCOL.md section 6). */
public final class EventAssertions {

    private EventAssertions() {
    }

    /** Asserts that {@code message} is a system command whose content is exactly {@code json}. */
    public static void assertCommand(Message message, String json) {
        assertThat(message.type()).isEqualTo(MessageType.COMMAND);
        assertThat(message.sender()).isEqualTo(Sender.SYSTEM);
        assertThat(message.sender().deviceId()).isEqualTo(DeviceId.NONE);
        assertThat(message.mentions()).isEmpty();
        assertThat(message.content()).isEqualTo(json);
    }

    /** Asserts that a user-level event copy is addressed to its own owner. */
    public static void assertAddressedToOwner(InboxEntry entry) {
        assertThat(entry.message().receiver().type()).isEqualTo(ReceiverType.USER);
        assertThat(entry.message().receiver().idValue()).isEqualTo(entry.owner().value());
    }

    /** The last copy of an inbox. */
    public static InboxEntry last(List<InboxEntry> inbox) {
        assertThat(inbox).isNotEmpty();
        return inbox.getLast();
    }
}
