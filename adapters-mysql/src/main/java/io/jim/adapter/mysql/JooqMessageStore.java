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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * transaction: {@link GroupCommitMessageStore} does that. A batch with two or more numbered sends
 * claims its devices with one statement pair instead of one UPDATE per send (a {@code SELECT … FOR
 * UPDATE} of the devices' rows, the decisions in Java, one {@code UPDATE … CASE id WHEN …} of the
 * raised values; see {@link #claimAll}): K sends, all numbered and accepted, from D devices cost {@code
 * 2·ceil(D/500) + 2·ceil(U/1000) + ceil(K/100) + ceil(R/500) + 1} round trips for U distinct owners and
 * R copies, with one COMMIT: for 2 to 32 1:1 sends (32 is the default batch limit) {@code 2 + 2 + 1 +
 * 1 + 1 = 7}, whatever K is. A refused send of a batch adds its receipt SELECT; a batch whose sends are
 * all refused has no UPDATE. A batch with one numbered send keeps the lone send's single conditional
 * UPDATE, so it costs what a lone send costs. See docs/SEND-PATH.md.
 */
final class JooqMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(JooqMessageStore.class);

    /** Devices per claim statement of a batch: one to three bind values each, far below any limit. */
    static final int DEVICES_PER_STATEMENT = 500;

    private final JooqUnitOfWork uow;
    private final InboxWriter writer;
    private final RenderedSql lockDevices = new RenderedSql(JooqMessageStore::lockDevices);
    private final RenderedSql raiseDevices = new RenderedSql(JooqMessageStore::raiseDevices);
    private final RenderedSql claimDevice = new RenderedSql(JooqMessageStore::claimDevice);

    JooqMessageStore(JooqUnitOfWork uow, InboxWriter writer) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Outcome store(StoreRequest request) {
        Objects.requireNonNull(request, "request");
        Outcome outcome = uow.withDsl(ctx -> storeAll(ctx, List.of(request)).get(0));
        afterCommit(List.of(request), List.of(outcome));
        return outcome;
    }

    /** Runs the after-commit actions of the stored requests, in order; an action's failure is logged only. */
    static void afterCommit(List<StoreRequest> requests, List<Outcome> outcomes) {
        for (int i = 0; i < requests.size(); i++) {
            if (outcomes.get(i) instanceof Outcome.Stored stored) {
                try {
                    requests.get(i).afterCommit().accept(stored);
                } catch (RuntimeException e) {
                    LOG.error("the after-commit action of message {} failed", stored.receipt().messageId(), e);
                }
            }
        }
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

    /**
     * Stores every request in {@code ctx}'s transaction and returns their outcomes in order. Requests are
     * checked in order, so within one batch a repeated (device, send_sequence) is a Duplicate of the
     * earlier one, and a lower number after a higher one of the same device is too low, exactly as if
     * they had come one transaction after the other.
     */
    List<Outcome> storeAll(DSLContext ctx, List<StoreRequest> requests) {
        Outcome[] outcomes = new Outcome[requests.size()];
        int[] duplicateOf = new int[requests.size()];
        Arrays.fill(duplicateOf, -1);
        Long[] sendSequences = new Long[requests.size()];
        // Each device's numbered requests in arrival order; the TreeMap's ascending ids are the lock order.
        TreeMap<DeviceId, List<Integer>> numbered = new TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            StoreRequest request = requests.get(i);
            if (request.sendSequence().isNumbered()) {
                if (!request.device().equals(request.message().sender().deviceId())) {
                    throw new IllegalArgumentException("a numbered send must come from the message's sender device");
                }
                numbered.computeIfAbsent(request.device(), d -> new ArrayList<>()).add(i);
            }
        }
        if (numbered.size() == 1 && numbered.firstEntry().getValue().size() == 1) {
            // A lone numbered send keeps the one conditional UPDATE: the pair below would cost it a round trip more.
            int i = numbered.firstEntry().getValue().getFirst();
            StoreRequest request = requests.get(i);
            Optional<Outcome> refused = claim(ctx, request.device(), request.sendSequence());
            if (refused.isPresent()) {
                outcomes[i] = refused.get();
            } else {
                sendSequences[i] = request.sendSequence().value();
            }
        } else if (!numbered.isEmpty()) {
            claimAll(ctx, requests, numbered, outcomes, duplicateOf, sendSequences);
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
     * The device claims of a batch with more than one numbered send, in a constant number of statements:
     * per {@value #DEVICES_PER_STATEMENT} devices, one {@code SELECT … FOR UPDATE} locks the rows and reads
     * each device's highest accepted send_sequence, the decisions are made here, and one {@code UPDATE … SET
     * last_send_sequence = CASE id WHEN …} writes the new highest values of the devices that accepted a
     * send (none: no UPDATE). The decisions are those of {@link #claim} run request after request in each
     * device's arrival order: a number above the device's highest (the locked value, raised by the
     * batch's earlier accepted sends) is accepted; a number accepted earlier in the batch is a Duplicate of
     * that request; any other is looked up ({@link #findReceipt}, the rare path): a Duplicate of the
     * original, or too low against the highest at that point. A device without a row fails the batch
     * like {@link #claim} does, unless the number has a stored receipt.
     *
     * <p>The rows are locked in ascending id order ({@code ORDER BY id} walks the primary key, and the
     * chunks follow each other in ascending order), the order of every other writer of device rows
     * ({@link #claim} locks one row, {@link AckBatcher} walks ascending ids), and all of them before the
     * inbox counters, which the sequence allocation then locks in ascending user order: two transactions
     * can never wait on each other in a cycle. A locking read sees the latest committed value, so a batch
     * that waited for another send of the same device decides on what that one committed, as the
     * conditional UPDATE does.
     */
    private void claimAll(DSLContext ctx, List<StoreRequest> requests, TreeMap<DeviceId, List<Integer>> numbered,
            Outcome[] outcomes, int[] duplicateOf, Long[] sendSequences) {
        Map<DeviceId, Long> locked = lockHighest(ctx, numbered.keySet());
        TreeMap<DeviceId, Long> raised = new TreeMap<>();
        numbered.forEach((device, indexes) -> {
            Long lockedHighest = locked.get(device);
            long highest = lockedHighest == null ? 0 : lockedHighest;
            Map<SendSequence, Integer> acceptedInBatch = new HashMap<>();
            for (int i : indexes) {
                SendSequence sequence = requests.get(i).sendSequence();
                Integer earlier = acceptedInBatch.get(sequence);
                if (earlier != null) {
                    duplicateOf[i] = earlier;
                    continue;
                }
                if (lockedHighest != null && sequence.value() > highest) {
                    highest = sequence.value();
                    raised.put(device, highest);
                    acceptedInBatch.put(sequence, i);
                    sendSequences[i] = sequence.value();
                    continue;
                }
                Optional<SendReceipt> original = findReceipt(ctx, device, sequence);
                if (original.isPresent()) {
                    outcomes[i] = new Outcome.Duplicate(original.get());
                } else if (lockedHighest == null) {
                    throw new IllegalStateException("unknown device " + device);
                } else {
                    outcomes[i] = new Outcome.SequenceTooLow(SendSequence.of(highest));
                }
            }
        });
        raiseHighest(ctx, raised);
    }

    /** Locks the devices' rows in ascending id order and returns their highest accepted send_sequence (no entry: no row). */
    private Map<DeviceId, Long> lockHighest(DSLContext ctx, Set<DeviceId> devices) {
        List<Long> ids = devices.stream().map(DeviceId::value).sorted().toList();
        Map<DeviceId, Long> highest = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += DEVICES_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + DEVICES_PER_STATEMENT));
            lockDevices.forEachLongPair(ctx, chunk.size(), chunk.toArray(),
                    (id, last) -> highest.put(DeviceId.of(id), last));
        }
        return highest;
    }

    /** Writes the new highest values (rows already locked by {@link #lockHighest}): one UPDATE per chunk, none for none. */
    private void raiseHighest(DSLContext ctx, TreeMap<DeviceId, Long> raised) {
        List<Map.Entry<DeviceId, Long>> entries = new ArrayList<>(raised.entrySet());
        for (int from = 0; from < entries.size(); from += DEVICES_PER_STATEMENT) {
            List<Map.Entry<DeviceId, Long>> chunk = entries.subList(from, Math.min(entries.size(), from + DEVICES_PER_STATEMENT));
            int n = chunk.size();
            if (n == 1) {
                raiseDevices.execute(ctx, 1, chunk.getFirst().getValue(), chunk.getFirst().getKey().value());
                continue;
            }
            long[] devices = chunk.stream().mapToLong(e -> e.getKey().value()).toArray();
            long[] highest = chunk.stream().mapToLong(Map.Entry::getValue).toArray();
            raiseDevices.execute(ctx, n, RenderedSql.caseThenIn(devices, highest));
        }
    }

    /**
     * The claim of a transaction's only numbered send, in one statement: raises the device's highest
     * accepted send_sequence to {@code sequence} if it is higher; otherwise tells a retransmission (the
     * original receipt) from a number that was skipped (too low). The UPDATE's row lock serialises
     * concurrent sends of one device; under READ COMMITTED the look-up after a lock wait sees what the
     * winner committed.
     */
    private Optional<Outcome> claim(DSLContext ctx, DeviceId device, SendSequence sequence) {
        int claimed = claimDevice.execute(ctx, 1, sequence.value(), device.value(), sequence.value());
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

    /** {@code SELECT id, last_send_sequence FROM devices WHERE id IN (?, …) ORDER BY id FOR UPDATE}. */
    private static Query lockDevices(DSLContext ctx, int devices) {
        return ctx.select(DEVICES.ID, DEVICES.LAST_SEND_SEQUENCE)
                .from(DEVICES)
                .where(DEVICES.ID.in(RenderedSql.placeholders(devices)))
                .orderBy(DEVICES.ID)
                .forUpdate();
    }

    /**
     * {@code UPDATE devices SET last_send_sequence = ? WHERE id IN (?)} for one device, else {@code = CASE id
     * WHEN ? THEN ? … ELSE last_send_sequence END WHERE id IN (?, …)}.
     */
    private static Query raiseDevices(DSLContext ctx, int devices) {
        Field<Long> highest = devices == 1 ? DSL.val(0L) : RenderedSql.caseOf(DEVICES.ID, devices, DEVICES.LAST_SEND_SEQUENCE);
        return ctx.update(DEVICES).set(DEVICES.LAST_SEND_SEQUENCE, highest).where(DEVICES.ID.in(RenderedSql.placeholders(devices)));
    }

    /** {@code UPDATE devices SET last_send_sequence = ? WHERE id = ? AND last_send_sequence < ?}: a lone claim. */
    private static Query claimDevice(DSLContext ctx, int one) {
        return ctx.update(DEVICES)
                .set(DEVICES.LAST_SEND_SEQUENCE, DSL.val(0L))
                .where(DEVICES.ID.eq(DSL.val(0L)))
                .and(DEVICES.LAST_SEND_SEQUENCE.lt(DSL.val(0L)));
    }
}
