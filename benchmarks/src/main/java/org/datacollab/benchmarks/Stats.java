package org.datacollab.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of measured durations, in milliseconds. */
final class Stats {

    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void add(double value) {
        millis.add(value);
    }

    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    int count() {
        return millis.size();
    }

    /** The figures added after the first {@code skip}. */
    Stats from(int skip) {
        Stats later = new Stats();
        List<Double> copy = new ArrayList<>(millis);
        copy.subList(Math.min(skip, copy.size()), copy.size()).forEach(later::add);
        return later;
    }
}
