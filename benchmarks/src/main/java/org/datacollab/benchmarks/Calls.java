package org.datacollab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.datacollab.security.Caller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls the benchmarks make: to a service directly with an internal token (as the gateway would send it), or
 * through the gateway with an API key; an ordinary key issued for the run; and the wait until every processor
 * and consumer has caught up (their lag at {@code /admin/processors} is zero).
 */
final class Calls {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalStack stack;

    Calls(LocalStack stack) {
        this.stack = stack;
    }

    LocalStack stack() {
        return stack;
    }

    /** An internal token for an administrator (lives a minute: taken per call). */
    String internal() {
        return "Bearer " + stack.internalToken(Caller.admin("benchmarks"));
    }

    /** An answer: its status (-1 when there was none) and body (or what went wrong). */
    record Answer(int status, String body) {
    }

    /** The first unexpected answer of the run, printed once: refusals are counted, not hidden. */
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    /** POST of JSON; the status, -1 when the call failed. */
    static int post(String url, String authorization, String json) {
        return postFor(url, authorization, json, "application/json").status();
    }

    static Answer postFor(String url, String authorization, String body, String type) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300)).header("Authorization", authorization)
                .header("content-type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if ((answer.status() < 200 || answer.status() >= 300) && REPORTED.compareAndSet(false, true)) {
            System.out.println("  first unexpected answer: " + url + " " + answer.status() + " "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return answer;
    }

    static Answer get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", authorization).GET().build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        } catch (Exception e) {
            return new Answer(-1, e.toString());
        }
    }

    /** An ordinary key, issued through the gateway by the bootstrap administrator: STEWARD and MONITOR of "bench". */
    String ordinaryKey(String jurisdiction) {
        Answer issued = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/admin/api-keys"))
                .header("Authorization", "Bearer " + stack.adminKey()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"organization":"bench","roles":["STEWARD","MONITOR"],"jurisdictions":["%s"],"name":"benchmarks"}"""
                        .formatted(jurisdiction))).build());
        if (issued.status() != 201) {
            throw new IllegalStateException("no key issued: " + issued.status() + " " + issued.body());
        }
        return issued.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    }

    /** Each processor's and consumer's lag now, as its service reports it ("name=lag ..."). */
    String lags() {
        StringBuilder lags = new StringBuilder();
        for (String service : List.of("registry-service", "assessment-service", "notification-service")) {
            try {
                for (JsonNode processor : ContractJson.mapper().readTree(get(stack.url(service) + "/admin/processors", internal()).body())) {
                    lags.append(processor.get("name").asText()).append(' ').append(processor.path("lag").asText("?")).append(' ')
                            .append(processor.path("unit").asText()).append(", ");
                }
            } catch (Exception e) {
                lags.append(service).append(" did not answer, ");
            }
        }
        return lags.toString().replaceAll(", $", "");
    }

    /** Waits until every processor and consumer of the three services reports no lag, twice in a row. */
    void awaitCaughtUp(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        int quiet = 0;
        String last = "";
        while (quiet < 2 && System.nanoTime() < deadline) {
            StringBuilder lags = new StringBuilder();
            boolean caughtUp = true;
            for (String service : List.of("registry-service", "assessment-service", "notification-service")) {
                Answer answer = get(stack.url(service) + "/admin/processors", internal());
                try {
                    for (JsonNode processor : ContractJson.mapper().readTree(answer.body())) {
                        long lag = processor.path("lag").asLong(-1);
                        lags.append(processor.get("name").asText()).append('=').append(lag).append(' ');
                        caughtUp &= lag == 0;
                    }
                } catch (Exception e) {
                    caughtUp = false;
                }
            }
            quiet = caughtUp ? quiet + 1 : 0;
            last = lags.toString();
            Thread.sleep(2000);
        }
        System.out.println("  processors: " + last + (quiet < 2 ? "(not caught up within " + atMost + ")" : "(caught up)"));
    }
}
