package io.jim.application.port.in.message;


/** Sends a message: validates, de-duplicates, stores once with one inbox copy per recipient, then pushes after commit. */
public interface SendMessageUseCase {

    SendResult send(SendMessageCommand command);
}
