package org.datacollab.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grows the event store through the registry's API: partnerships imported with long histories (NDJSON, 200 per
 * request, one commit each), then single-fact commands on them from 16 clients, so that the store holds about
 * {@code partnerships * (importedFacts + 3) + commands} events in {@code partnerships + commands} commits
 * (1,000,000 events in 100,000 commits at full size). Direct to the registry with an internal token: the growth
 * is not what is measured.
 */
final class StoreGrowth {

    private static final int HISTORIES_PER_REQUEST = 200;

    static void grow(Calls calls, Size size) throws Exception {
        String registry = calls.stack().url("registry-service");
        long started = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        for (int from = 0; from < size.partnerships(); from += HISTORIES_PER_REQUEST) {
            StringBuilder ndjson = new StringBuilder();
            for (int p = from; p < Math.min(size.partnerships(), from + HISTORIES_PER_REQUEST); p++) {
                // one history per line: the generator's text blocks hold line breaks, which JSON reads as spaces
                ndjson.append(HistoryGenerator.history("grown-" + p, size.importedFacts()).replace('\n', ' ')).append('\n');
            }
            Calls.Answer answer = Calls.postFor(registry + "/partnerships/import", calls.internal(), ndjson.toString(), "application/x-ndjson");
            if (answer.status() != 200 || !answer.body().contains("\"rejected\":0")) {
                refused.incrementAndGet();
                System.out.println("  import of partnerships " + from + "... answered " + answer.status() + " "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            if ((from / HISTORIES_PER_REQUEST) % 10 == 9) {
                System.out.printf("  %d partnerships imported after %.0f s%n", from + HISTORIES_PER_REQUEST, (System.nanoTime() - started) / 1e9);
            }
        }
        System.out.printf("  %d partnerships imported in %.0f s%n", size.partnerships(), (System.nanoTime() - started) / 1e9);
        long commands = System.nanoTime();
        int perClient = size.commands() / 16;
        AtomicInteger accepted = new AtomicInteger();
        RegistryRate.parallel(16, perClient, (c, i) -> {
            String ref = "grown-" + ((c * perClient + i) % size.partnerships());
            int status = Calls.post(registry + "/partnerships/" + ref + "/facts", calls.internal(), """
                    {"fact":"DriverObserved","occurredAt":"2020-01-01","driver":"SOCIETAL_PRESSURE","note":"grown %d"}""".formatted(i));
            if (status == 201) {
                accepted.incrementAndGet();
            }
        });
        System.out.printf("  %d of %d commands accepted in %.0f s%n", accepted.get(), perClient * 16, (System.nanoTime() - commands) / 1e9);
        calls.awaitCaughtUp(Duration.ofHours(2));
    }

    private StoreGrowth() {
    }
}
