package org.datacollab.benchmarks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The load average the run is measured under, sampled every 15 s from start to end: on a machine shared with
 * other work every figure (the baselines too) is slower, and the table must say so rather than pass such figures
 * off as the system's own.
 */
final class LoadSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load-sampler");
        thread.setDaemon(true); // never what keeps ./mvnw -Pbench from returning
        return thread;
    });
    private double sum;
    private double max;
    private int samples;

    LoadSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, 15, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double load = Machine.loadAverageValue();
        if (!Double.isNaN(load)) {
            sum += load;
            max = Math.max(max, load);
            samples++;
        }
    }

    synchronized double mean() {
        return samples == 0 ? Double.NaN : sum / samples;
    }

    synchronized double max() {
        return samples == 0 ? Double.NaN : max;
    }

    synchronized int samples() {
        return samples;
    }

    /** Whether other work competed for the cores: a mean load above the number of cores. */
    boolean loaded() {
        return mean() > Runtime.getRuntime().availableProcessors();
    }

    /** "load average (1 min) over the run: mean 7.9, max 14.2 (240 samples, every 15 s) on 2 cores". */
    String describe() {
        return "load average (1 min) over the run: mean %.1f, highest %.1f (%d samples, every 15 s) on %d cores"
                .formatted(mean(), max(), samples(), Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
