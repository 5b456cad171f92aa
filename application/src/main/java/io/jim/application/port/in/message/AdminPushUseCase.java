package io.jim.application.port.in.message;

import io.jim.domain.message.MessageId;

/** Stores and pushes a business message (sender_type 2) to a user, a group or a list of users. */
public interface AdminPushUseCase {

    MessageId push(AdminPushCommand command);
}
