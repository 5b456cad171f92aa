package io.jim.client.bench;

import io.jim.client.DeviceInfo;
import io.jim.client.FriendRequestResult;
import io.jim.client.JimClient;
import io.jim.client.LoginResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates the benchmark's users, devices, friendships and groups over HTTP before any timing starts, with
 * many calls in parallel on virtual threads. Accounts are fresh per run ({@code b<run>_<index>}), so a run
 * never sees another run's messages.
 */
final class Setup {

    /** One benchmark user and the logins of its devices. */
    record BenchUser(int index, String account, long userId, List<LoginResult> devices) {
    }

    private final JimClient root;
    private final BenchSettings settings;
    private final String run;
    /** Seconds the last {@link #users} spent in logins, and how many there were. */
    long loginNanos;
    int logins;

    Setup(JimClient root, BenchSettings settings) {
        this.root = root;
        this.settings = settings;
        this.run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36).toLowerCase(Locale.ROOT);
    }

    /** Registers {@code n} users and logs each in as {@code devicesPerUser} new devices. */
    List<BenchUser> users(int n, int devicesPerUser) {
        BenchUser[] users = new BenchUser[n];
        long[] ids = new long[n];
        Parallel.run(n, settings.setupConcurrency, i -> ids[i] = Parallel.retrying(() -> root.register(account(i), settings.password, "bench " + i)).userId());
        LoginResult[][] devices = new LoginResult[n][devicesPerUser];
        DeviceInfo info = new DeviceInfo(DeviceInfo.LINUX, "jim-bench", null, null, "1");
        long start = System.nanoTime();
        Parallel.run(n * devicesPerUser, settings.setupConcurrency,
                k -> devices[k / devicesPerUser][k % devicesPerUser] = Parallel.retrying(() -> root.login(account(k / devicesPerUser), settings.password, info)));
        loginNanos = System.nanoTime() - start;
        logins = n * devicesPerUser;
        for (int i = 0; i < n; i++) {
            users[i] = new BenchUser(i, account(i), ids[i], List.of(devices[i]));
        }
        return List.of(users);
    }

    /** Makes users 2k and 2k+1 friends (a request and its acceptance). */
    void befriendPairs(List<BenchUser> users) {
        Parallel.run(users.size() / 2, settings.setupConcurrency, k -> {
            BenchUser a = users.get(2 * k);
            BenchUser b = users.get(2 * k + 1);
            FriendRequestResult r = Parallel.retrying(() -> api(a).requestFriend(b.userId(), "bench"));
            if (r instanceof FriendRequestResult.Requested requested) {
                Parallel.retrying(() -> api(b).acceptFriendRequest(requested.request().requestId()));
            }
        });
    }

    /** A group owned by {@code members.get(0)} holding all of {@code members}; answers its id. */
    long group(List<BenchUser> members) {
        List<Long> others = new ArrayList<>();
        for (int i = 1; i < members.size(); i++) {
            others.add(members.get(i).userId());
        }
        return api(members.getFirst()).createGroup("bench " + run, others).groupId();
    }

    JimClient api(BenchUser user) {
        return root.withToken(user.devices().getFirst().token());
    }

    private String account(int i) {
        return "b" + run + "_" + i;
    }
}
