package org.datacollab.registry.eventstore;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events a Mongo tracking token knows (those inside its look-back window), as an immutable view that
 * shares its storage with the other tokens of the same fetch: the previous token's events plus the first
 * {@code count} events of this fetch, minus those older than {@code cutoff}. Creating one is O(1), so a fetch
 * of n events costs O(n), where axon-mongo's own token copies its map for every event (O(n^2) memory for a
 * large commit, such as an imported history of thousands of facts).
 */
final class KnownEvents extends AbstractMap<String, Long> {

    /** The events added during one fetch, in order, shared by every token of that fetch. */
    static final class Fetch {
        final Map<String, Long> base;
        final List<String> ids = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final Map<String, Integer> positions = new java.util.HashMap<>();

        Fetch(Map<String, Long> base) {
            this.base = base;
        }

        int add(String id, long time) {
            positions.put(id, ids.size());
            ids.add(id);
            times.add(time);
            return ids.size();
        }
    }

    private final Fetch fetch;
    private final int count;
    private final long cutoff;

    KnownEvents(Fetch fetch, int count, long cutoff) {
        this.fetch = fetch;
        this.count = count;
        this.cutoff = cutoff;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Long get(Object key) {
        Integer position = fetch.positions.get(key);
        if (position != null && position < count) {
            long time = fetch.times.get(position);
            return time >= cutoff ? time : null;
        }
        Long time = fetch.base.get(key);
        return time != null && time >= cutoff ? time : null;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return materialize().entrySet().iterator();
            }

            @Override
            public int size() {
                return materialize().size();
            }
        };
    }

    /** A plain copy, in order (what is serialized into the token store). */
    LinkedHashMap<String, Long> materialize() {
        LinkedHashMap<String, Long> copy = new LinkedHashMap<>();
        fetch.base.forEach((id, time) -> {
            if (time >= cutoff) {
                copy.put(id, time);
            }
        });
        for (int i = 0; i < count; i++) {
            long time = fetch.times.get(i);
            if (time >= cutoff) {
                copy.put(fetch.ids.get(i), time);
            }
        }
        return copy;
    }
}
