package io.jim.application.port.out;

import io.jim.domain.message.MessageId;

/**
 * Unique message ids across every process that shares the database, increasing within a process.
 * Fast (served from memory); may block briefly when the database must be asked for a new block, and
 * throws an {@link UnavailableException} when it cannot get one.
 */
public interface MessageIdGenerator {

    MessageId next();
}
