package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.DEVICES;
import static io.jim.adapter.mysql.generated.Tables.MESSAGES;

import io.jim.application.port.out.MessageStore;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.DSLContext;

/**
 * The send path's storage in one transaction per call.
 *
 * <p>Round trips of a numbered 1:1 send (two owners): 1 {@code UPDATE devices SET last_send_sequence}
 * (the de-duplication check and the device's new highest value in one statement), 2 {@code UPDATE
 * inbox_counters … WHERE user_id IN (a, b)}, 3 {@code SELECT} of the two new counter values, 4 {@code
 * INSERT} of the message, 5 one multi-row {@code INSERT} of both inbox rows, 6 {@code COMMIT}: six.
 * Connections come out of the pool with auto-commit already off, so there is no BEGIN. A group send to
 * N members (sender included): {@code 3 + 2·ceil(N/1000) + ceil(N/500)}, i.e. the same six up to 500
 * members, seven up to 1000, nine for 2000 (the counters are updated and read per 1000 users, the inbox
 * rows inserted per 500). An unnumbered send skips statement 1. A retransmission costs the UPDATE (0
 * rows), one SELECT of the original receipt and the COMMIT.
 *
 * <p>The work is written for a list of requests ({@link #storeAll}) so that several sends can share one
 * transaction without changing the SQL: {@link GroupCommitMessageStore} does that (K numbered sends
 * cost {@code K + 2·ceil(U/1000) + ceil(K/100) + ceil(R/500) + 1} round trips for U distinct owners and
 * R copies, with one COMMIT). See docs/SEND-PATH.md.
 */
final class JooqMessageStore implements MessageStore {

    private final JooqUnitOfWork uow;
    private final InboxWriter writer;

    JooqMessageStore(JooqUnitOfWork uow, InboxWriter writer) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Outcome store(StoreRequest request) {
        Objects.requireNonNull(request, "request");
        return uow.withDsl(ctx -> storeAll(ctx, List.of(request)).get(0));
    }

    @Override
    public Optional<SendReceipt> findReceipt(DeviceId device, SendSequence sendSequence) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sendSequence, "sendSequence");
        if (!sendSequence.isNumbered()) {
            return Optional.empty();
        }
        return uow.withDsl(ctx -> findReceipt(ctx, device, sendSequence));
    }

    /** A device and one of its send numbers. */
    private record Numbered(DeviceId device, SendSequence sequence) {
    }

    /**
     * Stores every request in {@code ctx}'s transaction and returns their outcomes in order. Requests are
     * checked in order, so within one batch a repeated (device, send_sequence) is a Duplicate of the
     * earlier one, and a lower number after a higher one of the same device is too low, exactly as if
     * they had come one transaction after the other.
     */
    List<Outcome> storeAll(DSLContext ctx, List<StoreRequest> requests) {
        Outcome[] outcomes = new Outcome[requests.size()];
        Map<Numbered, Integer> acceptedInBatch = new HashMap<>();
        int[] duplicateOf = new int[requests.size()];
        Arrays.fill(duplicateOf, -1);
        Long[] sendSequences = new Long[requests.size()];
        // Device rows are claimed in ascending id order (a stable sort keeps one device's requests in
        // arrival order), like the counters after them: two batches can then never wait on each other
        // in a cycle.
        List<Integer> claimOrder = IntStream.range(0, requests.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> requests.get(i).device()))
                .toList();
        for (int i : claimOrder) {
            StoreRequest request = requests.get(i);
            if (request.sendSequence().isNumbered()) {
                if (!request.device().equals(request.message().sender().deviceId())) {
                    throw new IllegalArgumentException("a numbered send must come from the message's sender device");
                }
                Numbered key = new Numbered(request.device(), request.sendSequence());
                Integer earlier = acceptedInBatch.get(key);
                if (earlier != null) {
                    duplicateOf[i] = earlier;
                    continue;
                }
                Optional<Outcome> refused = claim(ctx, request.device(), request.sendSequence());
                if (refused.isPresent()) {
                    outcomes[i] = refused.get();
                    continue;
                }
                acceptedInBatch.put(key, i);
                sendSequences[i] = request.sendSequence().value();
            }
        }
        // Written in arrival order, so a batch assigns sequences as consecutive transactions would.
        List<Integer> toWrite = new ArrayList<>(requests.size());
        List<InboxWriter.Item> items = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            if (duplicateOf[i] < 0 && outcomes[i] == null) {
                toWrite.add(i);
                items.add(new InboxWriter.Item(requests.get(i).message(), requests.get(i).owners(), sendSequences[i]));
            }
        }
        List<InboxWriter.Written> written = writer.write(ctx, items);
        for (int k = 0; k < toWrite.size(); k++) {
            InboxWriter.Written w = written.get(k);
            outcomes[toWrite.get(k)] = new Outcome.Stored(
                    new SendReceipt(w.message().id(), w.senderSequence(), w.message().sendTime()), w.entries());
        }
        for (int i = 0; i < requests.size(); i++) {
            if (duplicateOf[i] >= 0) {
                outcomes[i] = new Outcome.Duplicate(((Outcome.Stored) outcomes[duplicateOf[i]]).receipt());
            }
        }
        return List.of(outcomes);
    }

    /**
     * Raises the device's highest accepted send_sequence to {@code sequence} if it is higher; otherwise
     * tells a retransmission (the original receipt) from a number that was skipped (too low). The
     * UPDATE's row lock serialises concurrent sends of one device; under READ COMMITTED the look-up
     * after a lock wait sees what the winner committed.
     */
    private Optional<Outcome> claim(DSLContext ctx, DeviceId device, SendSequence sequence) {
        int claimed = ctx.update(DEVICES)
                .set(DEVICES.LAST_SEND_SEQUENCE, sequence.value())
                .where(DEVICES.ID.eq(device.value()))
                .and(DEVICES.LAST_SEND_SEQUENCE.lt(sequence.value()))
                .execute();
        if (claimed == 1) {
            return Optional.empty();
        }
        Optional<SendReceipt> original = findReceipt(ctx, device, sequence);
        if (original.isPresent()) {
            return Optional.of(new Outcome.Duplicate(original.get()));
        }
        Long highest = ctx.select(DEVICES.LAST_SEND_SEQUENCE).from(DEVICES).where(DEVICES.ID.eq(device.value()))
                .fetchOne(DEVICES.LAST_SEND_SEQUENCE);
        if (highest == null) {
            throw new IllegalStateException("unknown device " + device);
        }
        return Optional.of(new Outcome.SequenceTooLow(SendSequence.of(highest)));
    }

    private static Optional<SendReceipt> findReceipt(DSLContext ctx, DeviceId device, SendSequence sequence) {
        return ctx.select(MESSAGES.ID, MESSAGES.SENDER_SEQUENCE, MESSAGES.SEND_TIME)
                .from(MESSAGES)
                .where(MESSAGES.SENDER_DEVICE_ID.eq(device.value()))
                .and(MESSAGES.SEND_SEQUENCE.eq(sequence.value()))
                .fetchOptional(r -> new SendReceipt(MessageId.of(r.value1()), InboxSequence.of(r.value2()), Rows.instant(r.value3())));
    }
}
