package org.datacollab.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A steady rate: operation {@code i} is started at {@code start + i / rate} on a pool large enough that a slow
 * answer does not hold the next one back (open loop); what was achieved is measured, not assumed.
 */
final class Steady {

    /** How many were started and done, and over how long. */
    record Achieved(int done, double seconds) {
        double rate() {
            return done / seconds;
        }
    }

    static Achieved run(int perSecond, int total, IntConsumer operation) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicInteger done = new AtomicInteger();
        long interval = 1_000_000_000L / perSecond;
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = started + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            pool.execute(() -> {
                operation.accept(index);
                done.incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return new Achieved(done.get(), (System.nanoTime() - started) / 1e9);
    }

    private Steady() {
    }
}
