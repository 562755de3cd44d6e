package io.traceflux.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse's creation lock holds between threads of one JVM (the replays of one regression
 * run) as between processes: never two holders at once.
 */
class CreateTablesLockTest {

    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeAmongRacingThreads() throws Exception {
        org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(dir.toUri().toString(), CreateTables.LOCK);
        FileSystem fs = lock.getFileSystem(new Configuration());
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                        CreateTables.acquire(fs, lock);
                        most.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        Thread.sleep(1);
                        holders.decrementAndGet();
                        fs.delete(lock, false);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(most.get()).as("most holders at once").isEqualTo(1);
    }
}
