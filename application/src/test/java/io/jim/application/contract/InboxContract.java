package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.T0;
import static io.jim.application.contract.ContractSupport.concurrently;
import static io.jim.application.contract.ContractSupport.deviceInfo;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.InboxRepository;
import io.jim.application.port.out.InboxSequenceAllocator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.port.out.MessageStore.StoreRequest;
import io.jim.application.port.out.UnitOfWork;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of the inbox ports together: {@link InboxSequenceAllocator}, {@link InboxRepository} and
 * {@link MessageStore} (storing once, per-user contiguous sequences under concurrency, de-duplication
 * by send_sequence).
 */
public abstract class InboxContract {

    /** Message ids are the caller's business here (normally the id generator's): random per test instance. */
    private final AtomicLong messageIds = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));

    protected abstract UnitOfWork unitOfWork();

    protected abstract UserRepository users();

    protected abstract DeviceRepository devices();

    protected abstract InboxSequenceAllocator sequences();

    protected abstract InboxRepository inbox();

    protected abstract MessageStore messageStore();

    // ---- fixtures -------------------------------------------------------------------------------------

    private UserId newUser() {
        return users().create(uniqueAccount("in"), profile("Inbox"), passwordHash()).id();
    }

    private DeviceId newDevice(UserId user) {
        return devices().create(user, deviceInfo()).id();
    }

    private Message direct(UserId from, DeviceId device, UserId to, String content) {
        return new Message(MessageId.of(messageIds.incrementAndGet()), Sender.user(from, device), new Receiver.User(to),
                MessageType.TEXT, content, List.of(), T0);
    }

    private Message toGroup(UserId from, DeviceId device, GroupId group, String content, List<UserId> mentions) {
        return new Message(MessageId.of(messageIds.incrementAndGet()), Sender.user(from, device), new Receiver.Group(group),
                MessageType.TEXT, content, mentions, T0);
    }

    private List<InboxEntry> append(Message message, List<UserId> owners) {
        return unitOfWork().inTransaction(() -> inbox().append(message, owners));
    }

    private List<InboxEntry> readAll(UserId owner) {
        return inbox().read(owner, InboxSequence.ZERO, 100_000);
    }

    private static List<Long> sequences(List<InboxEntry> entries) {
        return entries.stream().map(e -> e.sequence().value()).toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static Outcome.Stored stored(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Stored.class);
        return (Outcome.Stored) outcome;
    }

    // ---- the allocator --------------------------------------------------------------------------------

    @Test
    void allocateShouldHandOutConsecutiveRangesPerUser() {
        UserId a = newUser();
        UserId b = newUser();

        Map<UserId, InboxSequence> first = unitOfWork().inTransaction(() -> sequences().allocate(Map.of(a, 1, b, 3)));
        Map<UserId, InboxSequence> second = unitOfWork().inTransaction(() -> sequences().allocate(Map.of(a, 2, b, 1)));
        Map<UserId, InboxSequence> third = unitOfWork().inTransaction(() -> sequences().allocate(Map.of(a, 1)));

        assertThat(first).isEqualTo(Map.of(a, InboxSequence.of(1), b, InboxSequence.of(1)));
        assertThat(second).isEqualTo(Map.of(a, InboxSequence.of(2), b, InboxSequence.of(4)));
        assertThat(third).isEqualTo(Map.of(a, InboxSequence.of(4)));
    }

    @Test
    void sequencesShouldBecomePermanentOnlyIfTheTransactionCommits() {
        UserId a = newUser();
        RuntimeException boom = new RuntimeException("roll back");

        assertThatThrownBy(() -> unitOfWork().run(() -> {
            sequences().allocate(Map.of(a, 1));
            inbox().append(direct(a, DeviceId.NONE, a, "lost"), List.of(a));
            throw boom;
        })).isSameAs(boom);

        assertThat(inbox().newest(a)).isEqualTo(InboxSequence.ZERO);
        assertThat(readAll(a)).isEmpty();
        assertThat(sequences(append(direct(a, DeviceId.NONE, a, "kept"), List.of(a)))).containsExactly(1L);
    }

    // ---- append, read, newest -------------------------------------------------------------------------

    @Test
    void appendShouldStoreOneMessageWithACopyPerOwnerInTheOrderOfTheOwners() {
        UserId a = newUser();
        UserId b = newUser();
        append(direct(b, DeviceId.NONE, b, "b's own note"), List.of(b));
        Message message = toGroup(a, DeviceId.NONE, GroupId.of(77), "hello 👋", List.of(b));

        List<InboxEntry> entries = append(message, List.of(b, a));

        assertThat(entries).containsExactly(
                new InboxEntry(b, InboxSequence.of(2), message),
                new InboxEntry(a, InboxSequence.of(1), message));
        assertThat(readAll(a)).containsExactly(new InboxEntry(a, InboxSequence.of(1), message));
        assertThat(readAll(b)).last().isEqualTo(new InboxEntry(b, InboxSequence.of(2), message));
    }

    @Test
    void readShouldReturnTheCopiesAfterTheGivenSequenceInAscendingOrderUpToTheLimit() {
        UserId a = newUser();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Message m = direct(a, DeviceId.NONE, a, "m" + i);
            messages.add(m);
            append(m, List.of(a));
        }

        List<InboxEntry> page = inbox().read(a, InboxSequence.of(2), 2);

        assertThat(page).extracting(InboxEntry::sequence).containsExactly(InboxSequence.of(3), InboxSequence.of(4));
        assertThat(page).extracting(InboxEntry::message).containsExactly(messages.get(2), messages.get(3));
        assertThat(sequences(inbox().read(a, InboxSequence.of(4), 10))).containsExactly(5L);
        assertThat(inbox().read(a, InboxSequence.of(5), 10)).isEmpty();
        assertThat(inbox().read(newUser(), InboxSequence.ZERO, 10)).isEmpty();
    }

    @Test
    void newestShouldBeZeroForAnEmptyInboxAndFollowTheAppends() {
        UserId a = newUser();
        UserId b = newUser();

        assertThat(inbox().newest(a)).isEqualTo(InboxSequence.ZERO);

        append(direct(a, DeviceId.NONE, b, "1"), List.of(a, b));
        append(direct(a, DeviceId.NONE, b, "2"), List.of(a, b));
        append(direct(a, DeviceId.NONE, a, "3"), List.of(a));

        assertThat(inbox().newest(a)).isEqualTo(InboxSequence.of(3));
        assertThat(inbox().newest(b)).isEqualTo(InboxSequence.of(2));
    }

    @Test
    void everyFieldOfAMessageShouldRoundTripIncludingLargeEmojiContent() {
        UserId a = newUser();
        UserId b = newUser();
        // 16384 four-byte characters: 64 KiB of UTF-8, the largest content limit the server can be given.
        String content = "😀".repeat(16 * 1024);
        Message message = new Message(MessageId.of(messageIds.incrementAndGet()), Sender.user(a, DeviceId.of(42)),
                new Receiver.Group(GroupId.of(9)), MessageType.of(1001), content, List.of(b, a), T0.plusMillis(999));

        append(message, List.of(a, b));

        assertThat(readAll(b)).singleElement().extracting(InboxEntry::message).isEqualTo(message);
        Message business = new Message(MessageId.of(messageIds.incrementAndGet()), Sender.BUSINESS, new Receiver.User(b),
                MessageType.of(8), "{\"k\":\"v\"}", List.of(), T0);
        Message system = new Message(MessageId.of(messageIds.incrementAndGet()), Sender.SYSTEM, new Receiver.User(b),
                MessageType.COMMAND, "{\"code\":100,\"data\":{}}", List.of(), T0);
        append(business, List.of(b));
        append(system, List.of(b));
        assertThat(readAll(b)).extracting(InboxEntry::message).containsExactly(message, business, system);
    }

    @Test
    void aGroupLargerThanAnyBatchShouldGetOneCopyPerMemberAtEachMembersNextSequence() {
        List<UserId> members = unitOfWork().inTransaction(() ->
                IntStream.range(0, 1100).mapToObj(i -> newUser()).toList());
        UserId first = members.get(0);
        append(direct(first, DeviceId.NONE, first, "before"), List.of(first));
        Message message = toGroup(first, DeviceId.NONE, GroupId.of(5), "to everyone", List.of());

        List<InboxEntry> entries = append(message, members);

        assertThat(entries).hasSize(members.size());
        assertThat(entries.get(0)).isEqualTo(new InboxEntry(first, InboxSequence.of(2), message));
        assertThat(entries.subList(1, entries.size())).allSatisfy(e -> assertThat(e.sequence()).isEqualTo(InboxSequence.of(1)));
        assertThat(entries).extracting(InboxEntry::owner).containsExactlyElementsOf(members);
        assertThat(readAll(members.get(members.size() - 1))).containsExactly(entries.get(entries.size() - 1));
    }

    // ---- the message store ----------------------------------------------------------------------------

    @Test
    void storeShouldAnswerWithTheSequenceOfTheSendersOwnCopy() {
        UserId a = newUser();
        UserId b = newUser();
        UserId c = newUser();
        DeviceId device = newDevice(b);
        append(direct(a, DeviceId.NONE, a, "a1"), List.of(a));
        append(direct(a, DeviceId.NONE, a, "a2"), List.of(a));
        Message message = toGroup(b, device, GroupId.of(3), "hi", List.of());

        Outcome.Stored outcome = stored(messageStore().store(new StoreRequest(message, List.of(a, b, c), device, SendSequence.of(1))));

        assertThat(outcome.receipt()).isEqualTo(new SendReceipt(message.id(), InboxSequence.of(1), message.sendTime()));
        assertThat(outcome.entries()).containsExactly(
                new InboxEntry(a, InboxSequence.of(3), message),
                new InboxEntry(b, InboxSequence.of(1), message),
                new InboxEntry(c, InboxSequence.of(1), message));
        assertThat(readAll(a)).last().isEqualTo(outcome.entries().get(0));
        assertThat(readAll(c)).containsExactly(outcome.entries().get(2));
    }

    @Test
    void aBusinessMessageShouldBeReceiptedWithTheFirstOwnersCopy() {
        UserId a = newUser();
        UserId b = newUser();
        append(direct(b, DeviceId.NONE, b, "b1"), List.of(b));
        Message message = new Message(MessageId.of(messageIds.incrementAndGet()), Sender.BUSINESS, new Receiver.User(b),
                MessageType.TEXT, "promo", List.of(), T0);

        Outcome.Stored outcome = stored(messageStore().store(new StoreRequest(message, List.of(b, a), DeviceId.NONE, SendSequence.NONE)));

        assertThat(outcome.receipt().senderSequence()).isEqualTo(InboxSequence.of(2));
        assertThat(outcome.entries()).extracting(InboxEntry::owner).containsExactly(b, a);
    }

    @Test
    void aRetransmissionShouldGetTheOriginalReceiptAndStoreNothing() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId device = newDevice(a);
        Message original = direct(a, device, b, "once");
        Outcome.Stored first = stored(messageStore().store(new StoreRequest(original, List.of(a, b), device, SendSequence.of(1))));
        Message resent = direct(a, device, b, "once");

        Outcome again = messageStore().store(new StoreRequest(resent, List.of(a, b), device, SendSequence.of(1)));

        assertThat(again).isEqualTo(new Outcome.Duplicate(first.receipt()));
        assertThat(messageStore().findReceipt(device, SendSequence.of(1))).contains(first.receipt());
        assertThat(readAll(a)).extracting(e -> e.message().id()).containsExactly(original.id());
        assertThat(readAll(b)).extracting(e -> e.message().id()).containsExactly(original.id());
        assertThat(inbox().newest(b)).isEqualTo(InboxSequence.of(1));
        assertThat(devices().findById(device).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.of(1));
    }

    @Test
    void aGapInSendSequencesShouldBeAllowedButASkippedLowerNumberRefused() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId device = newDevice(a);
        stored(messageStore().store(new StoreRequest(direct(a, device, b, "1"), List.of(a, b), device, SendSequence.of(1))));
        stored(messageStore().store(new StoreRequest(direct(a, device, b, "5"), List.of(a, b), device, SendSequence.of(5))));

        Outcome tooLow = messageStore().store(new StoreRequest(direct(a, device, b, "3"), List.of(a, b), device, SendSequence.of(3)));

        assertThat(tooLow).isEqualTo(new Outcome.SequenceTooLow(SendSequence.of(5)));
        assertThat(messageStore().findReceipt(device, SendSequence.of(3))).isEmpty();
        assertThat(inbox().newest(b)).isEqualTo(InboxSequence.of(2));
        assertThat(devices().findById(device).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.of(5));
        Outcome.Stored six = stored(messageStore().store(
                new StoreRequest(direct(a, device, b, "6"), List.of(a, b), device, SendSequence.of(6))));
        assertThat(six.receipt().senderSequence()).isEqualTo(InboxSequence.of(3));
    }

    @Test
    void unnumberedSendsShouldNeverBeDeduplicated() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId device = newDevice(a);

        Outcome.Stored one = stored(messageStore().store(new StoreRequest(direct(a, device, b, "x"), List.of(a, b), device, SendSequence.NONE)));
        Outcome.Stored two = stored(messageStore().store(new StoreRequest(direct(a, device, b, "x"), List.of(a, b), device, SendSequence.NONE)));

        assertThat(one.receipt().senderSequence()).isEqualTo(InboxSequence.of(1));
        assertThat(two.receipt().senderSequence()).isEqualTo(InboxSequence.of(2));
        assertThat(messageStore().findReceipt(device, SendSequence.NONE)).isEmpty();
        assertThat(devices().findById(device).orElseThrow().lastSendSequence()).isEqualTo(SendSequence.NONE);
    }

    @Test
    void findReceiptShouldBeEmptyForANumberNeverStored() {
        DeviceId device = newDevice(newUser());

        assertThat(messageStore().findReceipt(device, SendSequence.of(1))).isEmpty();
    }

    @Test
    void sendSequencesShouldBeCountedPerDevice() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId phone = newDevice(a);
        DeviceId laptop = newDevice(a);

        Outcome.Stored fromPhone = stored(messageStore().store(new StoreRequest(direct(a, phone, b, "p"), List.of(a, b), phone, SendSequence.of(1))));
        Outcome.Stored fromLaptop = stored(messageStore().store(new StoreRequest(direct(a, laptop, b, "l"), List.of(a, b), laptop, SendSequence.of(1))));

        assertThat(fromLaptop.receipt().messageId()).isNotEqualTo(fromPhone.receipt().messageId());
        assertThat(messageStore().findReceipt(phone, SendSequence.of(1))).contains(fromPhone.receipt());
        assertThat(messageStore().findReceipt(laptop, SendSequence.of(1))).contains(fromLaptop.receipt());
    }

    // ---- concurrency ----------------------------------------------------------------------------------

    @Test
    void concurrentWritersToOneInboxShouldGetContiguousSequencesWithNoGapOrDuplicate() {
        int writers = 24;
        int perWriter = 10;
        UserId receiver = newUser();
        List<UserId> senders = new ArrayList<>();
        List<DeviceId> senderDevices = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            UserId sender = newUser();
            senders.add(sender);
            senderDevices.add(newDevice(sender));
        }

        concurrently(writers, w -> {
            for (int n = 1; n <= perWriter; n++) {
                UserId sender = senders.get(w);
                DeviceId device = senderDevices.get(w);
                stored(messageStore().store(new StoreRequest(direct(sender, device, receiver, w + "/" + n),
                        List.of(sender, receiver), device, SendSequence.of(n))));
            }
            return null;
        });

        List<InboxEntry> copies = readAll(receiver);
        assertThat(sequences(copies)).containsExactlyElementsOf(oneTo((long) writers * perWriter));
        assertThat(copies).extracting(e -> e.message().id()).doesNotHaveDuplicates();
        assertThat(inbox().newest(receiver)).isEqualTo(InboxSequence.of((long) writers * perWriter));
        for (UserId sender : senders) {
            List<InboxEntry> own = readAll(sender);
            assertThat(sequences(own)).containsExactlyElementsOf(oneTo(perWriter));
            // One device sends in order, so its copies are in send_sequence order too.
            assertThat(own).extracting(e -> e.message().content().split("/")[1])
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, perWriter).mapToObj(Integer::toString).toList());
        }
    }

    @Test
    void concurrentGroupMessagesWithOverlappingMembersShouldStayContiguousPerUserWithoutDeadlock() {
        List<UserId> users = IntStream.range(0, 8).mapToObj(i -> newUser()).toList();
        int threads = 16;
        int perThread = 8;
        // Each thread sends to its own overlapping subset, listed in a shuffled order: the store must lock
        // in a canonical order itself.
        List<List<UserId>> audiences = new ArrayList<>();
        Random random = new Random(42);
        for (int t = 0; t < threads; t++) {
            List<UserId> audience = new ArrayList<>(users);
            Collections.shuffle(audience, random);
            audiences.add(List.copyOf(audience.subList(0, 3 + random.nextInt(users.size() - 2))));
        }

        concurrently(threads, t -> {
            List<UserId> owners = audiences.get(t);
            for (int n = 0; n < perThread; n++) {
                Message m = toGroup(owners.get(0), DeviceId.NONE, GroupId.of(t + 1), t + ":" + n, List.of());
                if (n % 2 == 0) {
                    stored(messageStore().store(new StoreRequest(m, owners, DeviceId.NONE, SendSequence.NONE)));
                } else {
                    unitOfWork().inTransaction(() -> inbox().append(m, owners));
                }
            }
            return null;
        });

        Map<UserId, Integer> expected = new HashMap<>();
        audiences.forEach(a -> a.forEach(u -> expected.merge(u, perThread, Integer::sum)));
        Set<MessageId> allMessages = new HashSet<>();
        for (UserId user : users) {
            List<InboxEntry> copies = readAll(user);
            assertThat(sequences(copies)).as("inbox of %s", user)
                    .containsExactlyElementsOf(oneTo(expected.getOrDefault(user, 0)));
            copies.forEach(c -> allMessages.add(c.message().id()));
        }
        assertThat(allMessages).hasSize(threads * perThread);
    }

    @Test
    void concurrentRetransmissionsOfOneSendShouldStoreItOnce() {
        UserId a = newUser();
        UserId b = newUser();
        DeviceId device = newDevice(a);

        List<Outcome> outcomes = concurrently(12, i ->
                messageStore().store(new StoreRequest(direct(a, device, b, "same"), List.of(a, b), device, SendSequence.of(1))));

        List<Outcome.Stored> storedOnes = outcomes.stream().filter(Outcome.Stored.class::isInstance).map(Outcome.Stored.class::cast).toList();
        assertThat(storedOnes).hasSize(1);
        SendReceipt receipt = storedOnes.get(0).receipt();
        assertThat(outcomes).filteredOn(o -> !(o instanceof Outcome.Stored))
                .hasSize(11)
                .allSatisfy(o -> assertThat(o).isEqualTo(new Outcome.Duplicate(receipt)));
        assertThat(readAll(b)).hasSize(1);
        assertThat(readAll(a)).hasSize(1);
    }
}
