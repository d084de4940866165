package org.datacollab.registry.partnership.rules;

import java.util.LinkedHashSet;
import java.util.stream.Stream;

/**
 * Whether a command was recorded already: the one place that decides it. Each event keeps the Idempotency-Key of
 * the request that recorded it; a command retried with a key the partnership's events carry (the instance that ran
 * it crashed before it could answer) is answered, not applied again. The aggregate keeps the latest keys; a
 * formation or import retried reads the first event's. (The web's IdempotencyFilter replays stored answers: a
 * separate matter, of answers, not of what is recorded.)
 */
public final class RecentKeys {

    /** How many keys the aggregate keeps: far more than the retries in flight for one partnership. */
    public static final int KEPT = 1000;

    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    /** The keys these events were recorded with (nulls, events recorded without a key, are passed over). */
    public static RecentKeys of(Stream<?> recordedWith) {
        RecentKeys recent = new RecentKeys();
        recordedWith.forEach(recent::remember);
        return recent;
    }

    /** Folds the key an event was recorded with; the oldest is forgotten past {@link #KEPT}. */
    public void remember(Object key) {
        if (key != null && keys.add(key.toString()) && keys.size() > KEPT) {
            keys.remove(keys.iterator().next());
        }
    }

    /** Whether a command with this key was recorded already (a command without a key never was). */
    public boolean seen(Object key) {
        return key != null && keys.contains(key.toString());
    }
}
