package io.jim.client.chaos;

import io.jim.client.InboxMessage;
import io.jim.client.SessionListener;
import io.jim.client.SessionState;

import java.util.Arrays;

/**
 * What one device's session handed to the application, compactly (sequence and message id of each
 * handover, in order), plus its sign-ins.
 */
final class DeviceLog implements SessionListener {

    final String name;
    final long userId;
    private long[] sequences = new long[1024];
    private long[] messageIds = new long[1024];
    private int size;
    private int signIns;

    DeviceLog(String name, long userId) {
        this.name = name;
        this.userId = userId;
    }

    @Override
    public synchronized void onMessage(InboxMessage message) {
        if (size == sequences.length) {
            sequences = Arrays.copyOf(sequences, size * 2);
            messageIds = Arrays.copyOf(messageIds, size * 2);
        }
        sequences[size] = message.syncSequence();
        messageIds[size] = message.messageId();
        size++;
    }

    @Override
    public synchronized void onStateChanged(SessionState state, Throwable cause) {
        if (state == SessionState.ONLINE) {
            signIns++;
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized long lastSequence() {
        return size == 0 ? 0 : sequences[size - 1];
    }

    synchronized long sequence(int i) {
        return sequences[i];
    }

    synchronized long messageId(int i) {
        return messageIds[i];
    }

    synchronized int signIns() {
        return signIns;
    }
}
