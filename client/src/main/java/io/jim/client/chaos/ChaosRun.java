package io.jim.client.chaos;

import io.jim.client.Credentials;
import io.jim.client.DeviceInfo;
import io.jim.client.FriendRequestResult;
import io.jim.client.InboxMessage;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.LoginResult;
import io.jim.client.MessagePage;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos run: users in a friend ring and in groups of {@link Settings#groupSize}, one sending session per
 * user (plus receive-only second devices), all connected through a {@link DropProxy} that resets a random
 * client connection every so often, while jim is SIGKILLed and restarted {@link Settings#kills} times. At
 * the end every send must be acknowledged, stored exactly once in every owner's inbox, every inbox
 * contiguous, and every device must have been handed exactly its user's inbox: 0 lost, 0 duplicated,
 * 0 reordered.
 */
final class ChaosRun {

    /** What the run does. */
    record Settings(int messages, int users, int secondDeviceEvery, int groupSize, int window, int kills,
                    Duration dropEvery, Duration deadline) {
    }

    /** One logical send and its outcome. */
    private record Sent(int sender, String content, List<Long> owners, CompletableFuture<SendAck> result) {
    }

    private record User(int index, String account, long userId, JimClient api) {
    }

    private static final String PASSWORD = "chaos-password-1";

    private final Settings settings;
    private final JimProcess jim;
    private final PrintStream progress;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<User> users = new ArrayList<>();
    private final List<DeviceLog> logs = new ArrayList<>();
    private final List<JimSession> sessions = new ArrayList<>();
    private final Map<Integer, Long> groupOf = new HashMap<>();
    private final Map<Long, List<Long>> groupMembers = new HashMap<>();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private final List<Long> killDowntimesMillis = new ArrayList<>();
    private volatile boolean finished;

    ChaosRun(Settings settings, JimProcess jim, PrintStream progress) {
        this.settings = settings;
        this.jim = jim;
        this.progress = progress;
    }

    /** Runs it and answers the result (ordered keys, for one JSON object). */
    Map<String, Object> run() throws Exception {
        long t0 = System.nanoTime();
        jim.start(Duration.ofMinutes(2));
        JimClient anonymous = JimClient.create(URI.create(jim.httpUrl()), Duration.ofSeconds(60));
        setUp(anonymous);
        Map<String, Object> result;
        try (DropProxy proxy = new DropProxy(jim.tcpPort())) {
            connect(proxy.port());
            long loadStart = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (User u : users) {
                JimSession s = sessions.get(firstDeviceIndex(u));
                senders.add(Thread.ofVirtual().name("chaos-sender-" + u.index()).start(() -> send(u, s)));
            }
            Thread dropper = Thread.ofVirtual().name("chaos-dropper").start(() -> drop(proxy));
            Thread reporter = Thread.ofVirtual().name("chaos-progress").start(() -> report(loadStart));
            killAndRestart();
            for (Thread t : senders) {
                t.join();
            }
            awaitOutcomes(t0);
            finished = true;
            dropper.join();
            reporter.join();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            awaitDevices(t0);
            progress.printf("chaos: verifying %d sends against %d inboxes and %d devices%n", sent.size(), users.size(), logs.size());
            result = verify();
            result.put("load_seconds", Math.round(loadSeconds * 10) / 10.0);
            result.put("messages_per_second", Math.round(sent.size() / loadSeconds));
        } finally {
            for (JimSession s : sessions) {
                s.closeAsync();
            }
            anonymous.close();
        }
        result.put("duration_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        return result;
    }

    // ---------------------------------------------------------------- setup

    private void setUp(JimClient anonymous) {
        progress.printf("chaos: setting up %d users%n", settings.users());
        for (int i = 0; i < settings.users(); i++) {
            String account = "chaos" + run + "_" + i;
            long id = anonymous.register(account, PASSWORD, "chaos " + i).userId();
            users.add(new User(i, account, id, null));
        }
        // A device per user, and a second (receive-only) device for every Nth user.
        List<LoginResult> logins = new ArrayList<>();
        for (User u : List.copyOf(users)) {
            int devices = settings.secondDeviceEvery() > 0 && u.index() % settings.secondDeviceEvery() == 0 ? 2 : 1;
            for (int d = 0; d < devices; d++) {
                LoginResult login = anonymous.login(u.account(), PASSWORD, new DeviceInfo(DeviceInfo.LINUX, "jim-chaos", null, null, "1"));
                logins.add(login);
                logs.add(new DeviceLog(u.account() + "/d" + d, u.userId()));
                if (d == 0) {
                    users.set(u.index(), new User(u.index(), u.account(), u.userId(), anonymous.withToken(login.token())));
                }
            }
        }
        this.pendingLogins = logins;
        int n = users.size();
        for (int i = 0; i < n && n > 1; i++) {
            if (n == 2 && i == 1) {
                break;
            }
            User a = users.get(i);
            User b = users.get((i + 1) % n);
            if (a.api().requestFriend(b.userId(), "chaos") instanceof FriendRequestResult.Requested r) {
                b.api().acceptFriendRequest(r.request().requestId());
            }
        }
        for (int start = 0; start < n; start += settings.groupSize()) {
            List<User> members = users.subList(start, Math.min(n, start + settings.groupSize()));
            if (members.size() < 2) {
                continue;
            }
            long group = members.getFirst().api().createGroup("chaos " + start,
                    members.stream().skip(1).map(User::userId).toList()).groupId();
            groupMembers.put(group, members.stream().map(User::userId).toList());
            members.forEach(m -> groupOf.put(m.index(), group));
        }
    }

    private List<LoginResult> pendingLogins;

    private void connect(int port) throws Exception {
        for (int i = 0; i < logs.size(); i++) {
            LoginResult login = pendingLogins.get(i);
            JimSession s = JimSession.builder(Credentials.of(login))
                    .address("127.0.0.1", port)
                    .lastSequence(login.deviceSyncSequence())
                    .nextSendSequence(login.sendSequence() + 1)
                    .listener(logs.get(i))
                    .ackTimeout(Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofSeconds(2))
                    .reconnectDelay(Duration.ofMillis(50), Duration.ofSeconds(1))
                    .gapResyncDelay(Duration.ofMillis(200))
                    .build();
            sessions.add(s);
        }
        for (JimSession s : sessions) {
            s.start().get(60, TimeUnit.SECONDS);
        }
        progress.printf("chaos: %d devices online via the drop proxy%n", sessions.size());
    }

    private int firstDeviceIndex(User u) {
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).userId == u.userId()) {
                return i;
            }
        }
        throw new IllegalStateException("no device of " + u.account());
    }

    // ---------------------------------------------------------------- the load and the faults

    private void send(User u, JimSession session) {
        Semaphore window = new Semaphore(settings.window());
        User next = users.get((u.index() + 1) % users.size());
        Long group = groupOf.get(u.index());
        long n = 0;
        try {
            while (issued.getAndIncrement() < settings.messages()) {
                window.acquire();
                n++;
                boolean toGroup = group != null && n % 3 == 0;
                String content = "chaos-" + run + "-" + u.index() + "-" + n;
                List<Long> owners = toGroup ? groupMembers.get(group) : List.of(u.userId(), next.userId());
                Sent s = new Sent(u.index(), content, owners, new CompletableFuture<>());
                sent.add(s);
                session.send(toGroup ? OutgoingMessage.textToGroup(group, content) : OutgoingMessage.textToUser(next.userId(), content))
                        .whenComplete((ack, failure) -> {
                            window.release();
                            if (failure == null && ack.ok()) {
                                acked.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            if (failure == null) {
                                s.result().complete(ack);
                            } else {
                                s.result().completeExceptionally(failure);
                            }
                        });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drop(DropProxy proxy) {
        long mean = Math.max(1, settings.dropEvery().toMillis());
        while (!finished) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(2 * mean + 1));
            } catch (InterruptedException e) {
                return;
            }
            if (!finished && proxy.dropRandom()) {
                drops.incrementAndGet();
            }
        }
    }

    /** Kills jim when 1/(K+1), 2/(K+1) ... of the messages are acknowledged, and starts it again. */
    private void killAndRestart() throws Exception {
        for (int k = 1; k <= settings.kills(); k++) {
            long at = (long) settings.messages() * k / (settings.kills() + 1);
            while (acked.get() < at) {
                Thread.sleep(20);
            }
            long before = acked.get();
            long t = System.nanoTime();
            jim.kill();
            progress.printf("chaos: SIGKILL #%d of jim at %d acks%n", k, before);
            jim.start(Duration.ofMinutes(2));
            long down = (System.nanoTime() - t) / 1_000_000;
            killDowntimesMillis.add(down);
            progress.printf("chaos: jim restarted after %d ms (pid %d)%n", down, jim.pid());
        }
    }

    private void report(long start) {
        long last = 0;
        while (!finished) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
            long a = acked.get();
            double t = (System.nanoTime() - start) / 1e9;
            progress.printf("chaos: %5.0f s  sent %d  acked %d (%d/s)  failed %d  drops %d  kills %d%n",
                    t, sent.size(), a, (a - last) / 5, failed.get(), drops.get(), killDowntimesMillis.size());
            last = a;
        }
    }

    private void awaitOutcomes(long t0) throws InterruptedException {
        for (Sent s : sent) {
            long left = t0 + settings.deadline().toNanos() - System.nanoTime();
            try {
                s.result().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // counted as failed
            } catch (java.util.concurrent.TimeoutException e) {
                progress.printf("chaos: send %s has no outcome by the deadline%n", s.content());
            }
        }
    }

    /** Waits (bounded) until every device was handed its user's inbox as the server has it now. */
    private void awaitDevices(long t0) throws InterruptedException {
        Map<Long, Long> newest = new HashMap<>();
        for (User u : users) {
            newest.put(u.userId(), lastSequence(u));
        }
        for (DeviceLog d : logs) {
            while (d.lastSequence() < newest.get(d.userId) && System.nanoTime() < t0 + settings.deadline().toNanos()) {
                Thread.sleep(50);
            }
        }
    }

    private long lastSequence(User u) {
        List<InboxMessage> all = inbox(u);
        return all.isEmpty() ? 0 : all.getLast().syncSequence();
    }

    private static List<InboxMessage> inbox(User u) {
        List<InboxMessage> all = new ArrayList<>();
        long after = 0;
        while (true) {
            MessagePage page = u.api().messages(after, 500);
            all.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return all;
            }
            after = page.messages().getLast().syncSequence();
        }
    }

    // ---------------------------------------------------------------- verification

    private Map<String, Object> verify() {
        List<String> findings = new ArrayList<>();
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        long gaps = 0;
        long copies = 0;
        Map<Long, Map<String, List<InboxMessage>>> byContent = new HashMap<>();
        Map<Long, List<InboxMessage>> inboxes = new HashMap<>();
        for (User u : users) {
            List<InboxMessage> inbox = inbox(u);
            inboxes.put(u.userId(), inbox);
            copies += inbox.size();
            Set<Long> ids = new HashSet<>();
            Map<String, List<InboxMessage>> contents = new HashMap<>();
            for (int i = 0; i < inbox.size(); i++) {
                InboxMessage m = inbox.get(i);
                if (m.syncSequence() != i + 1) {
                    gaps++;
                    note(findings, u.account() + ": inbox position " + (i + 1) + " holds sequence " + m.syncSequence());
                }
                if (!ids.add(m.messageId())) {
                    duplicated++;
                    note(findings, u.account() + ": message " + m.messageId() + " twice in the inbox");
                }
                if (m.content().startsWith("chaos-")) {
                    contents.computeIfAbsent(m.content(), k -> new ArrayList<>()).add(m);
                }
            }
            byContent.put(u.userId(), contents);
        }

        long notAcked = 0;
        Map<Long, String> ackedIds = new HashMap<>();
        Set<String> contentsSent = new HashSet<>();
        for (Sent s : sent) {
            contentsSent.add(s.content());
            SendAck ack = s.result().isDone() && !s.result().isCompletedExceptionally() ? s.result().join() : null;
            if (ack == null || !ack.ok()) {
                notAcked++;
                note(findings, "not acknowledged: " + s.content() + " " + ack);
                for (long owner : s.owners()) {
                    if (!byContent.get(owner).getOrDefault(s.content(), List.of()).isEmpty()) {
                        duplicated++;
                        note(findings, "failed send stored anyway: " + s.content());
                    }
                }
                continue;
            }
            if (ackedIds.put(ack.messageId(), s.content()) != null) {
                duplicated++;
                note(findings, "message id " + ack.messageId() + " acknowledged for two sends");
            }
            for (long owner : s.owners()) {
                List<InboxMessage> found = byContent.get(owner).getOrDefault(s.content(), List.of());
                if (found.isEmpty()) {
                    lost++;
                    note(findings, "lost: " + s.content() + " for user " + owner);
                } else if (found.size() > 1) {
                    duplicated += found.size() - 1;
                    note(findings, "duplicated: " + s.content() + " x" + found.size() + " for user " + owner);
                } else if (found.getFirst().messageId() != ack.messageId()
                        || (owner == users.get(s.sender()).userId() && found.getFirst().syncSequence() != ack.syncSequence())) {
                    lost++;
                    note(findings, "stored differently than acknowledged: " + s.content() + " " + ack);
                }
            }
        }
        for (Map<String, List<InboxMessage>> contents : byContent.values()) {
            for (String c : contents.keySet()) {
                if (!contentsSent.contains(c)) {
                    duplicated++;
                    note(findings, "a message nobody sent: " + c);
                }
            }
        }

        long handed = 0;
        long deviceLost = 0;
        long deviceDuplicated = 0;
        long deviceReordered = 0;
        for (DeviceLog d : logs) {
            List<InboxMessage> inbox = inboxes.get(d.userId);
            Map<Long, Long> expected = new HashMap<>();
            inbox.forEach(m -> expected.put(m.messageId(), m.syncSequence()));
            Set<Long> seen = new HashSet<>();
            long previous = 0;
            int size = d.size();
            handed += size;
            for (int i = 0; i < size; i++) {
                long seq = d.sequence(i);
                long id = d.messageId(i);
                if (!seen.add(id)) {
                    deviceDuplicated++;
                    note(findings, d.name + ": handed message " + id + " again");
                } else if (seq != previous + 1) {
                    deviceReordered++;
                    note(findings, d.name + ": handed sequence " + seq + " after " + previous);
                }
                Long serverSeq = expected.get(id);
                if (serverSeq == null || serverSeq != seq) {
                    deviceReordered++;
                    note(findings, d.name + ": handed message " + id + " as sequence " + seq + ", the inbox has it at " + serverSeq);
                }
                previous = Math.max(previous, seq);
            }
            for (InboxMessage m : inbox) {
                if (!seen.contains(m.messageId())) {
                    deviceLost++;
                    note(findings, d.name + ": never handed sequence " + m.syncSequence());
                }
            }
        }
        lost += deviceLost;
        duplicated += deviceDuplicated;
        reordered += deviceReordered + gaps;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", "chaos");
        r.put("users", users.size());
        r.put("devices", logs.size());
        r.put("messages_sent", sent.size());
        r.put("messages_acked", acked.get());
        r.put("not_acked", notAcked);
        r.put("inbox_copies", copies);
        r.put("handed_to_devices", handed);
        r.put("server_kills", killDowntimesMillis.size());
        r.put("restart_millis", killDowntimesMillis);
        r.put("client_drops", drops.get());
        r.put("sign_ins", logs.stream().mapToInt(DeviceLog::signIns).sum());
        r.put("lost", lost);
        r.put("duplicated", duplicated);
        r.put("reordered", reordered);
        r.put("ok", lost == 0 && duplicated == 0 && reordered == 0 && notAcked == 0);
        r.put("findings", findings);
        return r;
    }

    private static void note(List<String> findings, String finding) {
        if (findings.size() < 50) {
            findings.add(finding);
        }
    }
}
