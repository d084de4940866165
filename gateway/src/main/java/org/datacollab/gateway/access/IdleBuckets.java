package org.datacollab.gateway.access;

import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Token buckets by name (an API key, a client address), forgotten once idle: a bucket untouched for longer than
 * it takes to refill completely is full again, so dropping it changes no decision, and the map holds only the
 * callers of the last few minutes instead of every key and address ever seen.
 */
final class IdleBuckets {

    private record Entry(Bucket bucket, long lastUsedNanos) {
    }

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final Supplier<Bucket> newBucket;
    private final long idleNanos;
    private volatile long nextSweep;

    IdleBuckets(Supplier<Bucket> newBucket, Duration idleAfter) {
        this.newBucket = newBucket;
        this.idleNanos = idleAfter.toNanos();
        this.nextSweep = System.nanoTime() + idleNanos;
    }

    Bucket bucket(String name) {
        long now = System.nanoTime();
        sweep(now);
        return buckets.compute(name, (n, entry) -> new Entry(entry == null ? newBucket.get() : entry.bucket(), now)).bucket();
    }

    /** The bucket if one exists (not creating one: a check must not fill the map). */
    Bucket existing(String name) {
        Entry entry = buckets.get(name);
        return entry == null ? null : entry.bucket();
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + idleNanos;
        buckets.entrySet().removeIf(e -> now - e.getValue().lastUsedNanos() > idleNanos);
    }
}
