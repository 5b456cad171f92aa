package io.jim.bootstrap.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.client.DeviceInfo;
import io.jim.client.FriendRequestResult;
import io.jim.client.InboxMessage;
import io.jim.client.JimClient;
import io.jim.client.JimSession;
import io.jim.client.LoginResult;
import io.jim.client.MessagePage;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fault test's users on a running jim: {@code n} users befriended in a ring (each can write 1:1 to the
 * next), one group of all of them, devices logged in over HTTP, and their TCP sessions. Everything it
 * opened is closed with it.
 */
final class World implements AutoCloseable {

    static final String PASSWORD = "password-123";
    private static final AtomicLong NAMES = new AtomicLong();

    /** A registered user; {@code index} is its place in the ring. */
    record Member(int index, String account, long userId) {
    }

    /** One logged-in device; {@code recorder} is what its session handed over (when it has one). */
    record Device(Member member, String name, LoginResult login, JimClient api, InboxRecorder recorder) {
        long userId() {
            return member.userId();
        }
    }

    private final JimClient anonymous;
    private final String prefix;
    private final List<Member> members = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final List<JimSession> sessions = new ArrayList<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private long groupId;

    World(String httpUrl) {
        this.anonymous = JimClient.create(URI.create(httpUrl), Duration.ofSeconds(30));
        resources.push(anonymous);
        this.prefix = Long.toString(NAMES.incrementAndGet(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24), 36);
    }

    /** Registers {@code users} users (one device each) in a friend ring with one group of all of them. */
    World populate(int users) {
        for (int i = 0; i < users; i++) {
            String account = "f" + i + "_" + prefix;
            long id = anonymous.register(account, PASSWORD, "fault user " + i).userId();
            Member m = new Member(i, account, id);
            members.add(m);
            addDevice(m, "d0");
        }
        for (int i = 0; i < users && users > 1; i++) {
            if (users == 2 && i == 1) {
                break;
            }
            Device a = primary(members.get(i));
            Device b = primary(next(members.get(i)));
            FriendRequestResult r = a.api().requestFriend(b.userId(), "fault");
            if (r instanceof FriendRequestResult.Requested requested) {
                b.api().acceptFriendRequest(requested.request().requestId());
            }
        }
        groupId = primary(members.getFirst()).api()
                .createGroup("fault " + prefix, members.stream().skip(1).map(Member::userId).toList()).groupId();
        return this;
    }

    /** Logs in one more device of {@code m}. */
    Device addDevice(Member m, String name) {
        LoginResult login = anonymous.login(m.account(), PASSWORD, DeviceInfo.thisMachine("fault-" + name, "1"));
        Device d = new Device(m, name, login, anonymous.withToken(login.token()), new InboxRecorder(m.account() + "/" + name));
        devices.add(d);
        return d;
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    List<Device> devices() {
        return List.copyOf(devices);
    }

    /** The first device of {@code m} (the one that sends). */
    Device primary(Member m) {
        return devices.stream().filter(d -> d.member().equals(m)).findFirst().orElseThrow();
    }

    Member next(Member m) {
        return members.get((m.index() + 1) % members.size());
    }

    long groupId() {
        return groupId;
    }

    /** A session builder for {@code d} at {@code port}, from its login state, with fast reconnects. */
    JimSession.Builder sessionBuilder(Device d, int port, Duration ackTimeout) {
        return JimSession.builder(io.jim.client.Credentials.of(d.login()))
                .address("127.0.0.1", port)
                .lastSequence(d.login().deviceSyncSequence())
                .nextSendSequence(d.login().sendSequence() + 1)
                .listener(d.recorder())
                .ackTimeout(ackTimeout)
                .connectTimeout(Duration.ofSeconds(2))
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500))
                .gapResyncDelay(Duration.ofMillis(100));
    }

    /** Starts a session for every device at {@code port} and waits for each first sign-in. */
    List<JimSession> connectAll(int port, Duration ackTimeout) throws Exception {
        List<JimSession> started = new ArrayList<>();
        for (Device d : devices) {
            JimSession s = sessionBuilder(d, port, ackTimeout).build();
            sessions.add(s);
            resources.push(s);
            started.add(s);
        }
        for (JimSession s : started) {
            try {
                s.start().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no sign-in within 60 s: " + started, e);
            }
        }
        return started;
    }

    JimSession session(Device d) {
        return sessions.get(devices.indexOf(d));
    }

    /** The whole inbox of {@code m} over HTTP ({@code GET /api/messages}, paged). */
    List<InboxMessage> inbox(Member m) {
        JimClient api = primary(m).api();
        List<InboxMessage> all = new ArrayList<>();
        long after = 0;
        while (true) {
            MessagePage page = api.messages(after, 500);
            all.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return all;
            }
            after = page.messages().getLast().syncSequence();
        }
    }

    /** Waits until every device's session has been handed its user's whole inbox as the server has it now. */
    void awaitDevicesCaughtUp(Duration timeout) throws InterruptedException {
        awaitCaughtUp(devices, timeout);
    }

    /** Waits until each of {@code these} devices' sessions has been handed its user's whole inbox as the server has it now. */
    void awaitCaughtUp(List<Device> these, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Device d : these) {
            List<InboxMessage> inbox = inbox(d.member());
            long newest = inbox.isEmpty() ? 0 : inbox.getLast().syncSequence();
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            assertThat(d.recorder().awaitSequence(newest, left))
                    .as("%s was handed its inbox up to %d (has %d)", d.recorder().name(), newest, d.recorder().lastSequence())
                    .isTrue();
        }
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static <T> T await(java.util.concurrent.Future<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + timeout, e);
        }
    }
}
