package io.jim.application.contract;

import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.user.Account;
import io.jim.domain.user.PasswordHash;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Shared test data and a concurrency harness for the port contracts. */
public final class ContractSupport {

    /** A send time with millisecond precision, the precision every storage must keep. */
    public static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    /** How long a concurrent test may run before it counts as hung (a deadlock, a lost wake-up). */
    public static final long CONCURRENCY_TIMEOUT_SECONDS = 90;

    private ContractSupport() {
    }

    /** A fresh account name: contracts never assume an empty store, so every test makes its own users. */
    public static Account uniqueAccount(String prefix) {
        String random = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        String value = (prefix + "_" + random).toLowerCase(Locale.ROOT);
        return Account.of(value.length() > 32 ? value.substring(0, 32) : value);
    }

    public static Profile profile(String nickname) {
        return new Profile(nickname, Sex.UNKNOWN, "", "{}");
    }

    public static PasswordHash passwordHash() {
        return new PasswordHash("$test$" + ThreadLocalRandom.current().nextLong());
    }

    public static DeviceInfo deviceInfo() {
        return new DeviceInfo(DeviceType.ANDROID, "brand", "model", "14", "1.0.0");
    }

    /** {@code millis} after {@link #T0}. */
    public static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /**
     * Runs {@code tasks} tasks on virtual threads released together by one latch and returns their
     * results in task order. A task's failure fails the call with that cause; so does not finishing
     * within {@link #CONCURRENCY_TIMEOUT_SECONDS}.
     */
    public static <T> List<T> concurrently(int tasks, IntFunction<T> task) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks);
        try {
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return task.apply(index);
                }, executor));
            }
            start.countDown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<T> results = new ArrayList<>(tasks);
            futures.forEach(f -> results.add(f.join()));
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent tasks did not finish within " + CONCURRENCY_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }
}
