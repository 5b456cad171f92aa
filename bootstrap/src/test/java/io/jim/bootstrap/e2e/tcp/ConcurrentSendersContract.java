package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 4.2 under load: many devices sending at once into the same inboxes leave every inbox with
 * sequences 1, 2, 3 … without gaps or duplicates, every message exactly once, and pushes per device in
 * increasing order. Run by subclasses against servers with different storage settings.
 */
abstract class ConcurrentSendersContract {

    private static final int SENDERS = 8;

    /** The server of the running class invocation. */
    abstract Jim jim();

    @AfterEach
    void closeConnections() {
        jim().closeClients();
    }

    /** What one sending connection saw: its acks in order, and the pushes that arrived between them. */
    private record Sent(Device device, List<MessageSendACK> acks, List<MessageItem> pushes) {
    }

    /**
     * Writes all of a device's sends in one go (pipelined), then reads until every ack is in, keeping the
     * pushes that arrive in between.
     */
    private static Sent sendAll(Device device, List<MessageSend> sends) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sends.forEach(s -> bytes.writeBytes(Wire.send(s)));
        device.write(bytes.toByteArray());
        List<MessageSendACK> acks = new ArrayList<>();
        List<MessageItem> pushes = new ArrayList<>();
        while (acks.size() < sends.size()) {
            Wire.Frame frame = device.wire().read();
            switch (frame.type()) {
                case FrameType.MESSAGE_SEND_ACK -> acks.add(frame.as(MessageSendACK.parser()));
                case FrameType.MESSAGE -> {
                    Message push = frame.as(Message.parser());
                    assertThat(push.getType()).isEqualTo(Wire.PUSH);
                    pushes.addAll(push.getMessagesList());
                }
                default -> throw new AssertionError("unexpected frame " + frame);
            }
        }
        return new Sent(device, acks, pushes);
    }

    /** All devices start sending at the same moment, each from its own thread. */
    private static List<Sent> sendConcurrently(List<Device> devices, int perDevice, BiFunction<Device, Long, MessageSend> message)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Sent>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(devices.size())) {
            for (Device d : devices) {
                List<MessageSend> sends = LongStream.rangeClosed(1, perDevice).mapToObj(i -> message.apply(d, i)).toList();
                Callable<Sent> task = () -> {
                    go.await();
                    return sendAll(d, sends);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Sent> results = new ArrayList<>();
            for (Future<Sent> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    private static void assertAllAcceptedInSendOrder(Sent sent, long firstOwnSequence, int count) {
        assertThat(sent.acks()).extracting(MessageSendACK::getCode).as("ack messages: %s",
                sent.acks().stream().map(MessageSendACK::getMessage).filter(m -> !m.isEmpty()).distinct().toList()).containsOnly(0);
        assertThat(sent.acks()).extracting(MessageSendACK::getSendSequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        List<Long> own = sent.acks().stream().map(MessageSendACK::getSyncSequence).toList();
        assertThat(own).as("the sender's own copies").isSorted().doesNotHaveDuplicates();
        assertThat(own.getFirst()).isGreaterThanOrEqualTo(firstOwnSequence);
    }

    private static void assertStrictlyIncreasing(List<MessageItem> pushes, String whose) {
        for (int i = 1; i < pushes.size(); i++) {
            assertThat(pushes.get(i).getSyncSequence()).as("pushes to %s arrive in increasing sequence order", whose)
                    .isGreaterThan(pushes.get(i - 1).getSyncSequence());
        }
    }

    @Test
    void concurrentSendersIntoOneInboxShouldLeaveItGapFreeWithEveryMessageExactlyOnceAndSyncCapsALimitAbove500() throws Exception {
        int perSender = 64;
        Jim.Session target = jim().register("target");
        List<Jim.Session> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Jim.Session s = jim().register("sender" + i);
            jim().befriend(s, target);
            senders.add(s);
        }
        Device targetDevice = jim().online(target);
        long events = targetDevice.maxSequence();
        assertThat(events).as("commands 100 and 101 of each friendship").isEqualTo(2L * SENDERS);
        List<Device> senderDevices = senders.stream().map(jim()::online).toList();
        List<MessageItem> pushed = new ArrayList<>();
        Future<?> reader;
        try (ExecutorService one = Executors.newSingleThreadExecutor()) {
            reader = one.submit(() -> {
                for (Wire.Frame f = targetDevice.wire().read(); f.type() != FrameType.HEARTBEAT_ACK; f = targetDevice.wire().read()) {
                    Message push = f.as(Message.parser());
                    assertThat(push.getType()).isEqualTo(Wire.PUSH);
                    pushed.addAll(push.getMessagesList());
                }
                return null;
            });

            List<Sent> results = sendConcurrently(senderDevices, perSender,
                    (d, i) -> Wire.toUser(target.userId(), i, d.userId() + "#" + i));

            // Every push was handed to the target's connection before its sender's ack: the heartbeat answer comes after them all.
            targetDevice.write(Wire.heartbeat());
            reader.get(30, TimeUnit.SECONDS);

            long total = events + (long) SENDERS * perSender;
            Message capped = targetDevice.sync(0, 1000);
            assertThat(capped.getMessagesList()).as("a limit above 500 means 500").hasSize(500);
            assertThat(capped.getHasMore()).isTrue();
            List<MessageItem> inbox = targetDevice.syncAll(0, 500);
            assertThat(inbox).extracting(MessageItem::getSyncSequence).as("every sequence 1..%d exactly once, in order", total)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(inbox).filteredOn(m -> m.getType() == Wire.COMMAND).hasSize((int) events);
            Map<String, Long> idByContent = new HashMap<>();
            for (MessageItem m : inbox) {
                if (m.getType() != Wire.COMMAND) {
                    assertThat(idByContent.put(m.getContent(), m.getMessageId())).as("%s stored once", m.getContent()).isNull();
                }
            }
            assertThat(idByContent).hasSize(SENDERS * perSender);
            for (Sent sent : results) {
                assertAllAcceptedInSendOrder(sent, 3, perSender);
                assertThat(sent.pushes()).as("a sender that only sends is pushed nothing").isEmpty();
                for (MessageSendACK ack : sent.acks()) {
                    assertThat(idByContent.get(sent.device().userId() + "#" + ack.getSendSequence())).isEqualTo(ack.getMessageId());
                }
                List<MessageItem> own = sent.device().syncAll(0, 500);
                assertThat(own).extracting(MessageItem::getSyncSequence).as("the sender's inbox is gap-free too")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 + perSender).boxed().toList());
            }
            assertThat(pushed).as("the online target got pushes").isNotEmpty();
            assertStrictlyIncreasing(pushed, "the target");
            for (MessageItem p : pushed) {
                assertThat(p).isEqualTo(inbox.get((int) p.getSyncSequence() - 1));
            }
        }
    }

    @Test
    void concurrentGroupSendersShouldLeaveEveryMembersInboxGapFreeWithEveryMessageExactlyOnce() throws Exception {
        int perSender = 25;
        List<Jim.Session> members = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            members.add(jim().register("member" + i));
        }
        long group = jim().createGroup(members.getFirst(), members.subList(1, SENDERS).toArray(Jim.Session[]::new));
        List<Device> devices = members.stream().map(jim()::online).toList();

        List<Sent> results = sendConcurrently(devices, perSender,
                (d, i) -> Wire.toGroup(group, i, d.userId() + "#" + i));

        // Every sender has all its acks, so every push was handed to every connection: drain them up to a heartbeat's answer.
        for (Sent sent : results) {
            sent.device().write(Wire.heartbeat());
            for (Wire.Frame f = sent.device().wire().read(); f.type() != FrameType.HEARTBEAT_ACK; f = sent.device().wire().read()) {
                Message push = f.as(Message.parser());
                assertThat(push.getType()).isEqualTo(Wire.PUSH);
                sent.pushes().addAll(push.getMessagesList());
            }
        }
        List<Long> allIds = results.stream().flatMap(r -> r.acks().stream()).map(MessageSendACK::getMessageId).toList();
        assertThat(allIds).doesNotHaveDuplicates().hasSize(SENDERS * perSender);
        long total = 1 + (long) SENDERS * perSender; // command 120 of the creation, then every message
        for (Sent sent : results) {
            assertAllAcceptedInSendOrder(sent, 2, perSender);
            assertStrictlyIncreasing(sent.pushes(), "member " + sent.device().userId());
            List<MessageItem> inbox = sent.device().syncAll(0, 500);
            assertThat(inbox).extracting(MessageItem::getSyncSequence).as("every sequence 1..%d exactly once, in order", total)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(inbox.subList(1, inbox.size())).extracting(MessageItem::getMessageId).as("each message once in each inbox")
                    .containsExactlyInAnyOrderElementsOf(allIds);
            for (MessageSendACK ack : sent.acks()) {
                assertThat(inbox.get((int) ack.getSyncSequence() - 1).getMessageId()).isEqualTo(ack.getMessageId());
            }
            for (MessageItem p : sent.pushes()) {
                assertThat(p).isEqualTo(inbox.get((int) p.getSyncSequence() - 1));
            }
        }
    }
}
