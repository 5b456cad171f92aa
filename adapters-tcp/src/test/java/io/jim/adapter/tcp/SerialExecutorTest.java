package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksShouldRunOneAtATimeInSubmissionOrderOnAPool() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            int n = 10_000;
            List<Integer> ran = new ArrayList<>(); // unsynchronised on purpose: the executor must provide the ordering
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int task = i;
                serial.execute(() -> {
                    if (inFlight.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    ran.add(task);
                    inFlight.decrementAndGet();
                    done.countDown();
                });
            }

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            synchronized (ran) {
                assertThat(ran).hasSize(n).isSorted();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void taskSubmittedByARunningTaskShouldRunAfterIt() throws InterruptedException {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<String> ran = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            serial.execute(() -> {
                serial.execute(() -> {
                    ran.add("second");
                    done.countDown();
                });
                ran.add("first");
            });

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("first", "second");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingTaskShouldNotStopTheOnesAfterIt() throws InterruptedException {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            CountDownLatch done = new CountDownLatch(1);
            serial.execute(() -> {
                throw new IllegalStateException("expected in this test");
            });
            serial.execute(done::countDown);

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
