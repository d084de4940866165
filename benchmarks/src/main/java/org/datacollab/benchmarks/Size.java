package org.datacollab.benchmarks;

/**
 * How big a run is: {@code full} (the recorded figures: a store grown to 1,000,000 events in 100,000 commits,
 * 100,000+ events rebuilt) or {@code quick} (a fiftieth of it, for trying the benchmarks out), or a scale factor.
 */
record Size(String name, double scale) {

    static Size of(String value) {
        return switch (value == null || value.isBlank() ? "full" : value) {
            case "full" -> new Size("full", 1.0);
            case "quick" -> new Size("quick", 0.02);
            default -> new Size("scale-" + value, Double.parseDouble(value));
        };
    }

    boolean isFull() {
        return scale >= 1.0;
    }

    /** Partnerships imported to grow the store (each one commit of {@link #importedFacts()} facts). */
    int partnerships() {
        return (int) Math.round(10_000 * scale);
    }

    int importedFacts() {
        return 90;
    }

    /** Single-fact commands recorded on those partnerships to grow the store. */
    int commands() {
        return (int) Math.round(90_000 * scale);
    }

    /** Facts per client when measuring the registry's rate. */
    int measuredFacts(int clients) {
        return Math.max(20, (int) Math.round((clients == 1 ? 1_500 : 150) * Math.max(scale, 0.2)));
    }

    /** Seconds a steady-rate measurement lasts. */
    int steadySeconds() {
        return isFull() ? 60 : 20;
    }

    String describe() {
        return name + ": " + partnerships() + " partnerships of " + importedFacts() + " imported facts, " + commands() + " commands";
    }
}
