package io.jim.domain.message;

import io.jim.domain.shared.DomainException;

/**
 * The content kind of a message: 1 text, 2 face, 3 voice, 4 image, 5 file, 6 location, 7 command
 * (server-made only), 8 custom, or 1000 and above for application-defined kinds.
 */
public record MessageType(int code) {

    public static final MessageType TEXT = new MessageType(1);
    public static final MessageType COMMAND = new MessageType(7);
    public static final int FIRST_APPLICATION_DEFINED = 1000;

    public MessageType {
        if (!((code >= 1 && code <= 8) || code >= FIRST_APPLICATION_DEFINED)) {
            throw DomainException.invalid("type", "unknown message type " + code);
        }
    }

    public static MessageType of(int code) {
        return new MessageType(code);
    }

    public boolean isCommand() {
        return code == COMMAND.code;
    }

    /** A type a client may send: anything known except the server-made command type. */
    public static MessageType sendable(int code) {
        MessageType type = new MessageType(code);
        if (type.isCommand()) {
            throw DomainException.invalid("type", "type 7 (command) is produced only by the server");
        }
        return type;
    }
}
