package org.datacollab.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * The gateway's added latency with an ordinary key (which the gateway looks up, as for every key but the operator's
 * bootstrap key): the same read (a partnership's state) straight from the registry with an internal token, and
 * through the gateway with the key, alternating, one client, after a warm-up.
 */
final class GatewayLatency {

    static void measure(Calls calls, String key, Size size, Report report) {
        String ref = "gw-" + UUID.randomUUID().toString().substring(0, 6);
        Calls.post(calls.stack().gatewayUrl() + "/api/registry/partnerships", "Bearer " + key, """
                {"ref":"%s","name":"g","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                 "jurisdiction":"BENCH","occurredAt":"2024-01-01"}""".formatted(ref));
        Stats direct = new Stats();
        Stats through = new Stats();
        URI directUri = URI.create(calls.stack().url("registry-service") + "/partnerships/" + ref);
        URI gatewayUri = URI.create(calls.stack().gatewayUrl() + "/api/registry/partnerships/" + ref);
        int pairs = size.isFull() ? 2_000 : 500;
        String internal = calls.internal();
        for (int i = 0; i < pairs + 200; i++) {
            if (i % 500 == 0) {
                internal = calls.internal();
            }
            long a = System.nanoTime();
            int s1 = Calls.send(HttpRequest.newBuilder(directUri).header("Authorization", internal).build()).status();
            long b = System.nanoTime();
            int s2 = Calls.send(HttpRequest.newBuilder(gatewayUri).header("Authorization", "Bearer " + key).build()).status();
            long c = System.nanoTime();
            if (s1 != 200 || s2 != 200) {
                throw new IllegalStateException("answers " + s1 + " / " + s2);
            }
            if (i >= 200) {
                direct.add((b - a) / 1e6);
                through.add((c - b) / 1e6);
            }
        }
        double added50 = through.percentile(50) - direct.percentile(50);
        report.figure("gateway's added latency, ordinary key (GET /partnerships/{ref}, %d pairs)".formatted(pairs),
                "p50 %.2f ms, p99 %.2f ms through the gateway".formatted(through.percentile(50), through.percentile(99)),
                "p50 %.2f ms, p99 %.2f ms (registry directly)".formatted(direct.percentile(50), direct.percentile(99)),
                "added p50 %.2f ms, p99 %.2f ms".formatted(added50, through.percentile(99) - direct.percentile(99)),
                "adds < 2 ms p50", added50 < 2);
    }

    private GatewayLatency() {
    }
}
