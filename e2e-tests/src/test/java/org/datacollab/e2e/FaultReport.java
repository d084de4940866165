package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.datacollab.e2e.FaultClients.Sent;
import org.datacollab.e2e.FaultSuiteTest.Fault;
import org.datacollab.localstack.LocalStack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.e2e.FaultClients.IMPORT;
import static org.datacollab.e2e.FaultClients.IMPORTED;

/**
 * What happened under the faults, counted once they are over: what the suite recorded while it ran (each part's
 * recovery, the notification instances' stops, the refusals settled or not, its own incidents) and, per partnership
 * the clients sent, what the event store, partnership-events, the assessment and the webhook receiver have of it. It
 * prints the table per fault and fails on any loss, duplicate, re-send or unsettled refusal.
 */
final class FaultReport {

    /** A notification instance stopped (paused or killed) from {@code from} until {@code to} (wall clock, ms). */
    record Stop(String instance, long from, long to) {
    }

    private final LocalStack stack;
    private final FaultClients clients;
    /** The time from each fault until its part served again. */
    final Map<Integer, Double> recovery = new ConcurrentHashMap<>();
    final List<Stop> notificationStops = new CopyOnWriteArrayList<>();
    /** Commands refused or abandoned under a fault that a retry with their key settled, and those it did not (why). */
    final List<Sent> settled = new CopyOnWriteArrayList<>();
    final Map<Sent, String> unexplained = new ConcurrentHashMap<>();
    /** What went wrong in the suite's own background work (a rebuild that did not finish): failures too. */
    final List<String> incidents = new CopyOnWriteArrayList<>();

    FaultReport(LocalStack stack, FaultClients clients) {
        this.stack = stack;
        this.clients = clients;
    }

    static Set<String> webhookIds(WebhookReceiver receiver, String ref) {
        return webhookIds(receiver, ref, "RiskRaised");
    }

    /** The webhook-ids of this kind of risk change that arrived for the partnership. */
    static Set<String> webhookIds(WebhookReceiver receiver, String ref, String change) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            if (r.body().contains("\"ref\":\"" + ref + "\"") && r.body().contains(change)) {
                ids.add(r.headers().get("Webhook-id").getFirst());
            }
        }
        return ids;
    }

    void report(WebhookReceiver receiver, List<Fault> faults, Instant dayTurned) throws Exception {
        FaultDiagnostics diagnostics = new FaultDiagnostics(stack);
        int phases = faults.size() + 2;
        int[] commands = new int[phases];
        int[] accepted = new int[phases];
        int[] refused = new int[phases];
        int[] lost = new int[phases];
        int[] duplicated = new int[phases];
        int[] resent = new int[phases];
        int[] onTheWire = new int[phases];
        int imports = 0;
        int reEvaluated = 0;
        int[] republished = new int[phases];
        Map<String, Integer> phaseOfRef = new HashMap<>();
        Map<String, List<Sent>> byRef = new LinkedHashMap<>();
        for (Sent s : clients.sent) {
            commands[s.phase()]++;
            if (s.accepted()) {
                accepted[s.phase()]++;
            }
            byRef.computeIfAbsent(s.ref(), r -> new ArrayList<>()).add(s);
            phaseOfRef.merge(s.ref(), s.phase(), Math::max);
        }
        settled.forEach(s -> refused[s.phase()]++);
        List<String> problems = new ArrayList<>();
        unexplained.forEach((s, why) -> {
            refused[s.phase()]++;
            problems.add(s.fact() + " of " + s.ref() + " " + why);
        });
        Map<String, Integer> arrivals = new HashMap<>();
        receiver.arrivals().forEach(id -> arrivals.merge(id, 1, Integer::sum));
        List<String> missingAlerts = new ArrayList<>();
        Map<String, List<Long>> onTheTopic = diagnostics.publishedSequences(byRef.keySet());
        for (var entry : byRef.entrySet()) {
            String ref = entry.getKey();
            int at = phaseOfRef.get(ref);
            JsonNode facts = diagnostics.direct(stack.url("registry-service") + "/partnerships/" + ref + "/facts?size=500");
            Map<String, Integer> stored = new HashMap<>();
            int total = 0;
            if (facts != null) {
                total = facts.get("total").asInt();
                facts.get("items").forEach(item -> stored.merge(item.get("fact").get("fact").asText(), 1, Integer::sum));
            }
            // 1. every accepted command is in the event store, once
            for (Sent s : entry.getValue()) {
                if (!s.accepted()) {
                    continue;
                }
                if (s.fact().equals(IMPORT)) {
                    // recorded whole, once: every fact of the history once (the registry adds the phase changes it
                    // makes itself, docs/history-format.md), none twice
                    Map<String, Integer> sentFacts = Map.of("PartnershipFormed", 1, "PartnerJoined", IMPORTED - 2, "DataDelivered", 1);
                    boolean whole = sentFacts.entrySet().stream().allMatch(f -> stored.getOrDefault(f.getKey(), 0).equals(f.getValue()));
                    if (!whole) {
                        (total == 0 ? lost : duplicated)[s.phase()]++;
                        problems.add("the import of " + s.ref() + " left " + stored + " in the store, of " + sentFacts + " sent");
                    }
                    continue;
                }
                int copies = stored.getOrDefault(s.fact(), 0);
                if (copies == 0) {
                    lost[s.phase()]++;
                    problems.add("store lost " + s.fact() + " of " + s.ref() + " (phase " + s.phase() + ")");
                } else if (copies > 1) {
                    duplicated[s.phase()]++;
                    problems.add("store duplicated " + s.fact() + " of " + s.ref() + " (phase " + s.phase() + ")");
                }
            }
            // 2. every stored event is on partnership-events, first in the order of its sequence numbers (at least once:
            // the copies a publisher sends again after a crash or a pause are counted, and consumers skip them)
            List<Long> published = onTheTopic.getOrDefault(ref, List.of());
            List<Long> firsts = published.stream().distinct().toList();
            republished[at] += published.size() - firsts.size();
            if (firsts.size() < total) {
                lost[at] += total - firsts.size();
                problems.add("partnership-events has " + firsts.size() + " of " + total + " events of " + ref + ": " + published);
            } else if (!firsts.equals(LongStream.range(0, total).boxed().toList())) {
                problems.add("partnership-events has the events of " + ref + " out of order: " + published);
            }
            // 3. every stored event reached the assessment, once (it keeps one per sequence number)
            if (total > 0) {
                JsonNode timeline = diagnostics.direct(stack.url("assessment-service") + "/partnerships/" + ref + "/timeline");
                int projected = 0;
                if (timeline != null) {
                    for (JsonNode p : timeline.get("phases")) {
                        projected += p.get("facts").size();
                    }
                }
                if (projected < total) {
                    lost[at] += total - projected;
                    problems.add("assessment has " + projected + " of " + total + " events of " + ref);
                } else if (projected > total) {
                    duplicated[at] += projected - total;
                    problems.add("assessment has " + projected + " events of " + ref + ", the store " + total);
                }
            }
            // 4. every risk change reached the webhook, once, and was sent once (a webhook-id arriving twice is re-sent)
            if (stored.getOrDefault("DataDelivered", 0) > 0) {
                Set<String> ids = webhookIds(receiver, ref);
                if (ids.isEmpty()) {
                    lost[at]++;
                    missingAlerts.add(ref);
                } else if (ids.size() > 1) {
                    duplicated[at] += ids.size() - 1;
                    problems.add(ids.size() + " alerts for " + ref + ": " + ids);
                }
                for (String id : ids) {
                    if (arrivals.getOrDefault(id, 0) > 1) {
                        List<Long> times = receiver.arrivedAt(id);
                        String window = onTheWire(times);
                        if (window != null) {
                            onTheWire[at] += arrivals.get(id) - 1;
                            System.out.println("RE-SENT (on the wire when " + window + ") the alert for " + ref + ": arrived at "
                                    + times + " (webhook-id " + id + ")");
                        } else {
                            resent[at] += arrivals.get(id) - 1;
                            problems.add("the alert for " + ref + " arrived " + arrivals.get(id) + " times, at " + times
                                    + " (webhook-id " + id + "), with no notification instance stopped during its attempt");
                        }
                    }
                }
            }
            // 5. an imported history is re-evaluated once its day has come, by whichever assessment instance holds the time
            // job's lease, and announced once: LOW on its first day, MEDIUM on the next (the delivery gap opened)
            if (entry.getValue().stream().anyMatch(s -> s.fact().equals(IMPORT) && s.accepted())) {
                imports++;
                JsonNode assessed = diagnostics.direct(stack.url("assessment-service") + "/partnerships/" + ref + "/assessment");
                String level = assessed == null ? "none" : assessed.path("level").asText();
                boolean raisedToLow = receiver.received().stream().anyMatch(r -> r.body().contains("\"ref\":\"" + ref + "\"")
                        && r.body().contains("RiskRaised") && r.body().contains("\"to\":\"LOW\""));
                Set<String> escalations = webhookIds(receiver, ref, "RiskEscalated");
                if (!level.equals("MEDIUM")) {
                    lost[at]++;
                    problems.add("the import " + ref + " is " + level + " after its day came (MEDIUM expected: not re-evaluated)");
                }
                if (escalations.size() != (raisedToLow ? 1 : 0)) {
                    (escalations.isEmpty() ? lost : duplicated)[at]++;
                    problems.add("the import " + ref + " (raised to " + (raisedToLow ? "LOW" : "MEDIUM") + ") was escalated "
                            + escalations.size() + " times: " + escalations);
                }
                if (raisedToLow && escalations.size() == 1) {
                    reEvaluated++;
                }
                for (String id : escalations) {
                    if (arrivals.getOrDefault(id, 0) > 1 && onTheWire(receiver.arrivedAt(id)) == null) {
                        resent[at] += arrivals.get(id) - 1;
                        problems.add("the escalation of " + ref + " arrived " + arrivals.get(id) + " times (webhook-id " + id + ")");
                    }
                }
            }
        }
        problems.addAll(incidents);
        System.out.println("imports: " + imports + ", of which " + reEvaluated + " were re-evaluated by the time job once the"
                + " assessment's day turned over (at " + dayTurned + ") and escalated once; the others were imported after it");
        if (imports > 0 && reEvaluated == 0) {
            problems.add("no import was re-evaluated by the time job after the day turned over at " + dayTurned);
        }
        if (!missingAlerts.isEmpty()) {
            problems.addAll(diagnostics.explainMissingAlerts(missingAlerts));
        }
        System.out.println();
        System.out.printf("%-36s %8s %8s %7s %5s %10s %7s %11s %11s %12s %8s%n", "fault", "commands", "accepted", "settled", "lost",
                "duplicated", "re-sent", "on the wire", "republished", "recovered in", "slowest");
        for (int p = 0; p < phases; p++) {
            String name = p == 0 ? "(before)" : p > faults.size() ? "(after)" : faults.get(p - 1).title();
            String recovered = recovery.containsKey(p) ? "%.1f s".formatted(recovery.get(p)) : "";
            System.out.printf("%-36s %8d %8d %7s %5d %10d %7d %11d %11d %12s %8s%n", name, commands[p], accepted[p],
                    refused[p] == 0 ? "" : (refused[p] - unexplainedIn(p)) + "/" + refused[p], lost[p], duplicated[p], resent[p],
                    onTheWire[p], republished[p], recovered,
                    clients.slowest.containsKey(p) ? "%.1f s".formatted(clients.slowest.get(p) / 1000.0) : "");
        }
        System.out.println("(settled: commands refused or abandoned under the fault that a retry with their Idempotency-Key settled, of those"
                + " refused or abandoned; re-sent: webhook requests that arrived again with the same webhook-id, a failure; on the wire: those"
                + " whose earlier attempt was under way when its notification instance was stopped (decision 0061: no fence closes"
                + " that window; receivers skip a webhook-id they have); republished: copies of"
                + " events a publisher sent again, which consumers skip by sequence number; slowest: the longest a command of the phase"
                + " took to its 201, retries included; load average at the end: " + FaultDiagnostics.loadAverage() + ")");
        problems.forEach(problem -> System.out.println("PROBLEM " + problem));
        assertThat(problems).as("losses, duplicates, re-sent alerts and unsettled refusals").isEmpty();
        assertThat(Arrays.stream(accepted).sum()).isGreaterThan(60);
    }

    /**
     * Names the stop of a notification instance during which an alert's earlier attempt was on the wire, or null: its
     * first copy arrived within an attempt's deadline before the instance stopped (the instance could not record it, and
     * the other one sent it again once the claim lapsed), or its later copy arrived within a deadline after the instance
     * resumed, the other instance having sent it while it was stopped (the woken instance finished an attempt it had
     * begun before it stopped).
     */
    String onTheWire(List<Long> times) {
        long first = times.getFirst();
        long deadline = FaultSuiteTest.DEADLINE.toMillis() + 500;
        for (Stop stop : notificationStops) {
            boolean sentThenStopped = first >= stop.from() - deadline && first <= stop.from() + 500;
            boolean finishedOnWaking = first >= stop.from() && times.stream().anyMatch(t -> t >= stop.to() && t <= stop.to() + deadline);
            if (sentThenStopped || finishedOnWaking) {
                return stop.instance() + " was stopped at " + stop.from() + " until " + stop.to();
            }
        }
        return null;
    }

    private int unexplainedIn(int phase) {
        return (int) unexplained.keySet().stream().filter(s -> s.phase() == phase).count();
    }
}
