package io.jim.bootstrap.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One test's world on a {@link LiveServer}: its own users (unique accounts), devices, proxies and sessions,
 * all closed at the end. Sessions reconnect fast so that the tests do not wait on the backoff.
 */
final class Scenario implements AutoCloseable {

    static final Duration TIMEOUT = Recorder.TIMEOUT;
    private static final String PASSWORD = "password-123";
    private static final AtomicLong NAMES = new AtomicLong();

    /** A registered user. */
    record User(String name, String account, long userId) {
    }

    /** One logged-in device of a user, with its own token for HTTP. */
    record Device(String name, User user, LoginResult login, JimClient api) {
        long userId() {
            return user.userId();
        }

        long deviceId() {
            return login.deviceId();
        }

        Credentials credentials() {
            return Credentials.of(login);
        }
    }

    /** A running session of a device, with what its listener was handed and (if proxied) its proxy. */
    record Live(Device device, JimSession session, Recorder recorder, TcpProxy proxy) {
    }

    private final LiveServer server;
    private final String prefix;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    Scenario(LiveServer server) {
        this.server = server;
        this.prefix = Long.toString(NAMES.incrementAndGet(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }

    LiveServer server() {
        return server;
    }

    User register(String name) {
        String account = name + "_" + prefix;
        long id = server.http().register(account, PASSWORD, name).userId();
        return new User(name, account, id);
    }

    /** Logs in as a new device of {@code user}. */
    Device login(User user, String deviceName) {
        LoginResult login = server.http().login(user.account(), PASSWORD, DeviceInfo.thisMachine("e2e-" + deviceName, "1"));
        JimClient api = server.http().withToken(login.token());
        return new Device(deviceName, user, login, api);
    }

    /** {@code a} asks {@code b}, {@code b} accepts (events 100 and 101 go to both inboxes). */
    void befriend(Device a, Device b) {
        FriendRequestResult result = a.api().requestFriend(b.userId(), "hi");
        assertThat(result).isInstanceOf(FriendRequestResult.Requested.class);
        b.api().acceptFriendRequest(((FriendRequestResult.Requested) result).request().requestId());
    }

    /** A session of {@code device} straight to the server, from the device's login state. */
    Live connect(Device device) {
        return start(device, builder(device, server.tcpPort()), null);
    }

    /** A session of {@code device} through a new {@link TcpProxy}, from the device's login state. */
    Live connectViaProxy(Device device) {
        TcpProxy proxy = track(TcpProxy.to(server.tcpPort()));
        return start(device, builder(device, proxy.port()), proxy);
    }

    /** A session of {@code device} through {@code proxy}, from the device's login state. */
    Live connectVia(TcpProxy proxy, Device device) {
        return start(device, builder(device, proxy.port()), proxy);
    }

    /** A builder for {@code device} at {@code port}, starting from its login state, with fast reconnects. */
    JimSession.Builder builder(Device device, int port) {
        return JimSession.builder(device.credentials())
                .address("127.0.0.1", port)
                .lastSequence(device.login().deviceSyncSequence())
                .nextSendSequence(device.login().sendSequence() + 1)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                .gapResyncDelay(Duration.ofMillis(100));
    }

    /** Builds (with a fresh {@link Recorder}), starts and waits for the first sign-in. */
    Live start(Device device, JimSession.Builder builder, TcpProxy proxy) {
        Recorder recorder = new Recorder(device.name());
        JimSession session = builder.listener(recorder).build();
        track(session);
        get(session.start());
        return new Live(device, session, recorder, proxy);
    }

    /** The whole inbox of {@code device}'s user over HTTP. */
    List<InboxMessage> inbox(Device device) {
        List<InboxMessage> all = new ArrayList<>();
        long after = 0;
        while (true) {
            MessagePage page = device.api().messages(after, 500);
            all.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return all;
            }
            after = page.messages().getLast().syncSequence();
        }
    }

    /** The newest sequence of {@code device}'s user's inbox over HTTP (0 if empty). */
    long newestSequence(Device device) {
        List<InboxMessage> all = inbox(device);
        return all.isEmpty() ? 0 : all.getLast().syncSequence();
    }

    /** Waits until the session's listener has everything the user's inbox holds now. */
    long awaitCaughtUp(Live live) {
        long newest = newestSequence(live.device());
        live.recorder().awaitSequence(newest);
        return newest;
    }

    /** Sends and waits for the ack, which must be a success. */
    static SendAck sendOk(JimSession session, OutgoingMessage message) {
        SendAck ack = get(session.send(message));
        assertThat(ack.ok()).as("ack %s", ack).isTrue();
        return ack;
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
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
}
