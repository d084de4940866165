package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.datacollab.e2e.FaultClients.Sent;
import org.datacollab.e2e.FaultReport.Stop;
import org.datacollab.infra.Balancer;
import org.datacollab.infra.ManagedProcess;
import org.datacollab.localstack.LocalStack;
import org.datacollab.security.Caller;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.datacollab.e2e.FaultClients.IMPORT;

/**
 * Faults survived, counted (profile {@code faults}, part of the README's test command; decision 0063). Two instances of
 * the registry, the assessment and the notification service run, the gateway reaching each pair through a balancer,
 * the second registry with its clock {@link #SKEW} ahead. While two clients send a steady stream of commands through
 * the gateway (each partnership: formed, a provider joins, data is delivered with no agreement, which raises a risk)
 * and a third imports a history of {@link FaultClients#IMPORTED} facts every fifteen seconds, parts are SIGKILLed (a killed service
 * instance restarts in the background: its twin serves) or SIGSTOPped for longer than the registry's gap wait and
 * token claim and, for a notification instance, its delivery claim, then SIGCONTed: Kafka, MongoDB, each service, the
 * gateway; and a rebuild runs on one assessment instance. A client retries a failed command with the same
 * Idempotency-Key, as any client should. Afterwards: every accepted command is in the event store once (an import
 * whole); every stored event is on partnership-events, in order; every event reached the assessment once; every risk
 * change reached the webhook once (by webhook-id), and no webhook arrived twice unless it was on the wire when its
 * instance stopped (decision 0061; shown apart); a command refused or abandoned under a fault said why and its retry
 * with the same key settled it. It prints the table per fault and fails on any loss, duplicate, re-send or unsettled
 * refusal; a missing alert is explained by what each part has of it. The clients are {@link FaultClients}, the counting
 * is {@link FaultReport}, what each part has of a missing alert {@link FaultDiagnostics}.
 */
@Tag("faults")
@Order(Integer.MAX_VALUE)
class FaultSuiteTest {

    /**
     * One fault: a part (an instance's name, kafka or mongodb) is SIGKILLed, or SIGSTOPped for {@code pause} and then
     * SIGCONTed. {@code awaited}: a killed part is awaited before the next fault (the only instance of its kind); else it
     * restarts in the background while the other instance serves.
     */
    record Fault(String title, String part, boolean kill, Duration pause, boolean awaited) {
        /** A rebuild of the assessment's projections, started on this instance while the other one serves. */
        static Fault rebuild(String title, String instance) {
            return new Fault(title, "rebuild:" + instance, false, Duration.ZERO, true);
        }

        static Fault kill(String title, String part, boolean awaited) {
            return new Fault(title, part, true, Duration.ZERO, awaited);
        }

        static Fault pause(String title, String part, Duration pause) {
            return new Fault(title, part, false, pause, false);
        }
    }

    /**
     * The registry's publication waits this long for an append in flight and a processor's token claim lapses after
     * this long, in the second registry instance and in the first one once it is restarted (10 s each by default):
     * every pause below is longer than both.
     */
    static final Map<String, String> SHORT_TIMEOUTS = Map.of("DATACOLLAB_EVENTSTORE_GAPTIMEOUT", "PT2S",
            "DATACOLLAB_EVENTSTORE_CLAIMTIMEOUT", "PT3S");
    /**
     * A webhook attempt's deadline shorter than the delivery claim (5 s on this stack), in both notification instances:
     * an attempt that outlives its claim (10 s by default) lets the other instance claim and send the same webhook
     * again without any pause (a first run of this suite saw it: two webhooks arrived three times).
     */
    static final Map<String, String> NOTIFICATION_TIMEOUTS = Map.of("DATACOLLAB_WEBHOOKS_DEADLINE", "PT3S",
            "DATACOLLAB_WEBHOOKS_CLAIM", "PT15S");
    /** A webhook attempt's deadline in the notification instances. */
    static final Duration DEADLINE = Duration.ofSeconds(3);
    /**
     * The notification instances' delivery claim: longer than every pause of MongoDB or Kafka below (so an outcome
     * that waits for MongoDB is recorded before the claim lapses), shorter than a notification instance's pause (so the
     * other instance takes the paused one's deliveries over).
     */
    static final Duration CLAIM = Duration.ofSeconds(15);
    /** The second registry instance's clock runs this far ahead of the machine's (and of the first instance's). */
    static final Duration SKEW = Duration.ofSeconds(5);
    static final Duration PAUSE = Duration.ofSeconds(6);
    /** Longer than the delivery claim ({@link #CLAIM}) with a margin: the other instance takes the paused one's deliveries over. */
    static final Duration NOTIFICATION_PAUSE = Duration.ofSeconds(18);

    List<Fault> faults;
    /** Both assessment instances' settings: their day turns over during the suite, their time job's lease is short. */
    Map<String, String> assessmentSettings;
    /** When the assessment instances' day turns over, from the suite's start (about the middle of the faults). */
    static final Duration DAY_TURNS_AFTER = Duration.ofSeconds(200);
    /** When it did (wall clock). */
    Instant dayTurned;

    /**
     * Clock settings that make both assessment instances' day end at {@code at} (their clock runs ahead of the machine's
     * by what is left of that day), their time job run every 2 s and its lease last 5 s, less than a pause: the
     * imported histories, LOW on their first day, are due for re-evaluation on the next, by whichever instance holds the
     * lease while the faults go on (decision 0060).
     */
    Map<String, String> dayTurnsOver(Instant at) {
        Instant midnight = at.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        dayTurned = at;
        return Map.of("DATACOLLAB_CLOCK_OFFSET", Duration.between(at, midnight).toString(),
                "DATACOLLAB_ASSESSMENT_TIMECHECK", "PT2S",
                "DATACOLLAB_ASSESSMENT_TIMEPASSES_LEASE", "PT5S");
    }
    /** Background restarts of killed instances, by instance. */
    final Map<String, Thread> restarting = new ConcurrentHashMap<>();
    LocalStack stack;
    /** The clients that drive the load, and the record of what happened, counted once the faults are over. */
    FaultClients clients;
    FaultReport report;

    @Test
    void noCommandEventOrAlertIsLostOrDuplicatedWhenPartsAreKilledPausedOrSkewed() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        clients = new FaultClients(stack);
        report = new FaultReport(stack, clients);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String jurisdiction = "FAULTS-" + run;
        long setUp = System.nanoTime();
        faults = twoOfEach();
        System.out.printf("two instances of each service, the gateway through balancers: %.1f s%n", (System.nanoTime() - setUp) / 1e9);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(RiskReachesWebhookEndToEndTest.post("/api/notifications/subscriptions", """
                    {"organization":"city","contact":"ops@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                     "webhook":{"url":"%s","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}""".formatted(jurisdiction, receiver.url()))
                    .statusCode()).isEqualTo(201);
            List<Thread> load = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                String prefix = run + "-" + client;
                load.add(Thread.ofPlatform().name("fault-load-" + client).start(() -> clients.load(prefix, jurisdiction)));
            }
            load.add(Thread.ofPlatform().name("fault-imports").start(() -> clients.imports(run, jurisdiction)));
            Thread.sleep(4000);
            for (int i = 0; i < faults.size(); i++) {
                clients.phase.set(i + 1);
                inflict(i + 1, faults.get(i));
                Thread.sleep(2000);
            }
            clients.phase.set(faults.size() + 1);
            for (Thread restart : restarting.values()) {
                restart.join();
            }
            Thread.sleep(2000);
            clients.running.set(false);
            for (Thread client : load) {
                client.join();
            }

            // a command refused or abandoned under a fault must say why, and its retry with the same key settle it
            for (int i = 0; i < clients.sent.size(); i++) {
                Sent s = clients.sent.get(i);
                if (!s.accepted() && s.key() != null) {
                    String unsettled = clients.settle(s);
                    if (unsettled == null) {
                        report.settled.add(s);
                        clients.sent.set(i, new Sent(s.phase(), s.ref(), s.fact(), true, s.path(), s.body(), s.key(), 201, null));
                    } else {
                        report.unexplained.put(s, unsettled);
                    }
                }
            }
            // settle: every accepted delivery raises one risk change that must reach the webhook
            Set<String> delivered = new HashSet<>();
            clients.sent.stream().filter(s -> s.accepted() && (s.fact().equals("DataDelivered") || s.fact().equals(IMPORT)))
                    .forEach(s -> delivered.add(s.ref()));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        delivered.stream().allMatch(ref -> FaultReport.webhookIds(receiver, ref).size() >= 1));
            } catch (ConditionTimeoutException missing) {
                System.out.println("not every alert arrived within 2 minutes; counting what did");
            }
            // the imported histories are re-evaluated once the assessment's day has turned over (the time job runs every 2 s)
            FaultClients.sleep(Math.max(0, Duration.between(Instant.now(), dayTurned).toMillis()) + 5000);
            FaultDiagnostics diagnostics = new FaultDiagnostics(stack);
            List<String> imported = clients.sent.stream().filter(s -> s.accepted() && s.fact().equals(IMPORT)).map(Sent::ref).toList();
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> imported.stream().allMatch(ref -> {
                    JsonNode assessed = diagnostics.directQuietly(stack.url("assessment-service") + "/partnerships/" + ref + "/assessment");
                    return assessed != null && "MEDIUM".equals(assessed.path("level").asText());
                }));
            } catch (ConditionTimeoutException late) {
                System.out.println("not every import was re-evaluated within 2 minutes of the day turning over; counting what was");
            }
            // until nothing more arrives for five seconds (a re-sent alert would be counted)
            AtomicInteger arrived = new AtomicInteger(-1);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> arrived.getAndSet(receiver.arrivals().size()) == receiver.arrivals().size());
            report.report(receiver, faults, dayTurned);
        }
    }

    /**
     * A second instance of the registry (its clock {@link #SKEW} ahead, its timeouts short), of the assessment and of
     * the notification service, and the gateway restarted to reach each service through a balancer over both instances
     * (as a Kubernetes Service does), all side by side; answers the faults, naming the instances.
     */
    List<Fault> twoOfEach() throws Exception {
        assessmentSettings = dayTurnsOver(Instant.now().plus(DAY_TURNS_AFTER));
        Map<String, String> skewed = new HashMap<>(SHORT_TIMEOUTS);
        skewed.put("DATACOLLAB_CLOCK_OFFSET", SKEW.toString());
        Balancer registries = Balancer.start("registry", List.of(stack.ports().registry()));
        Balancer assessments = Balancer.start("assessment", List.of(stack.ports().assessment()));
        Balancer notifications = Balancer.start("notification", List.of(stack.ports().notification()));
        ExecutorService starting = Executors.newFixedThreadPool(5);
        Future<String> registry = starting.submit(() -> stack.startInstance("registry-service", skewed));
        Future<String> assessment = starting.submit(() -> stack.startInstance("assessment-service", assessmentSettings));
        Future<?> assessment1 = starting.submit(() -> stack.restart("assessment-service", assessmentSettings));
        Future<String> notification = starting.submit(() -> stack.startInstance("notification-service", NOTIFICATION_TIMEOUTS));
        Future<?> notification1 = starting.submit(() -> stack.restart("notification-service", NOTIFICATION_TIMEOUTS));
        Future<?> gateway = starting.submit(() -> stack.restart("gateway", Map.of("REGISTRY_URL", registries.url(),
                "ASSESSMENT_URL", assessments.url(), "NOTIFICATION_URL", notifications.url())));
        String registry2 = registry.get();
        String assessment2 = assessment.get();
        String notification2 = notification.get();
        gateway.get();
        notification1.get();
        assessment1.get();
        starting.shutdown();
        assertThat(Files.readString(stack.service(registry2).log())).as("the second registry runs ahead")
                .contains("clock is offset by " + SKEW);
        registries.add(stack.service(registry2).port());
        assessments.add(stack.service(assessment2).port());
        notifications.add(stack.service(notification2).port());
        return List.of(
                Fault.kill("kill kafka", "kafka", true),
                Fault.kill("kill registry", "registry-service", false),
                Fault.kill("kill assessment", "assessment-service", false),
                Fault.kill("kill notification", "notification-service", false),
                Fault.pause("pause mongodb", "mongodb", PAUSE),
                Fault.kill("kill mongodb", "mongodb", true),
                Fault.pause("pause registry (+" + SKEW.toSeconds() + " s clock)", registry2, PAUSE),
                Fault.pause("pause assessment", assessment2, PAUSE),
                Fault.rebuild("rebuild on the other assessment", "assessment-service"),
                Fault.pause("pause notification", notification2, NOTIFICATION_PAUSE),
                Fault.pause("pause registry", "registry-service", PAUSE),
                Fault.pause("pause kafka", "kafka", PAUSE),
                Fault.kill("kill gateway", "gateway", true));
    }

    /**
     * Inflicts the fault; recovery is the time from the fault until its part serves again (a killed one restarted and
     * ready, a paused one resumed). An instance of the same service still restarting from an earlier fault is awaited
     * first.
     */
    void inflict(int phase, Fault fault) throws Exception {
        // never both instances of a service at once: its twin (or itself) still restarting from an earlier fault is awaited
        String kind = fault.part().replaceAll("-\\d+$", "");
        for (String part : List.copyOf(restarting.keySet())) {
            if (part.replaceAll("-\\d+$", "").equals(kind)) {
                restarting.remove(part).join();
            }
        }
        if (fault.part().startsWith("rebuild:")) {
            rebuild(phase, fault.part().substring("rebuild:".length()));
            return;
        }
        ManagedProcess process = switch (fault.part()) {
            case "kafka" -> stack.infrastructure().kafka();
            case "mongodb" -> stack.infrastructure().mongo();
            default -> stack.service(fault.part());
        };
        long started = System.nanoTime();
        boolean notification = fault.part().startsWith("notification-service");
        if (!fault.kill()) {
            long from = System.currentTimeMillis();
            process.pause();
            Thread.sleep(fault.pause().toMillis());
            process.resume();
            if (notification) {
                report.notificationStops.add(new Stop(fault.part(), from, System.currentTimeMillis()));
            }
            report.recovery.put(phase, (System.nanoTime() - started) / 1e9);
            return;
        }
        process.kill();
        if (notification) {
            report.notificationStops.add(new Stop(fault.part(), System.currentTimeMillis(), System.currentTimeMillis()));
        }
        Runnable restart = () -> {
            // as Kubernetes restarts a container that exits: a service restarted in the background may meet the next
            // fault while it starts (MongoDB killed under it: it exits with 1), and is started again until it serves
            for (int attempt = 1; ; attempt++) {
                try {
                    switch (fault.part()) {
                        case "kafka", "mongodb" -> process.start().awaitListening(Duration.ofSeconds(120));
                        // the first registry comes back with the suite's short timeouts, as the second one has them
                        case "registry-service" -> stack.restart(fault.part(), SHORT_TIMEOUTS);
                        case "notification-service" -> stack.restart(fault.part(), NOTIFICATION_TIMEOUTS);
                        case "assessment-service" -> stack.restart(fault.part(), assessmentSettings);
                        default -> stack.restart(fault.part());
                    }
                    break;
                } catch (IllegalStateException exited) {
                    if (attempt == 5) {
                        throw exited;
                    }
                    System.out.println(fault.part() + " exited while starting (attempt " + attempt + "), started again: "
                            + exited.getMessage().lines().findFirst().orElse(""));
                    FaultClients.sleep(2000);
                }
            }
            report.recovery.put(phase, (System.nanoTime() - started) / 1e9);
        };
        FaultClients.sleep(1000);
        if (fault.awaited()) {
            restart.run();
        } else {
            restarting.put(fault.part(), Thread.ofPlatform().name("restart-" + fault.part()).start(restart));
        }
    }

    /**
     * Starts a rebuild of the assessment's projections on this instance, while the other instance serves, the clients
     * write and the next faults happen; it is awaited before the counting: both instances then read and write the new
     * generation, and nothing is announced again (counted below as re-sent or duplicated alerts).
     */
    void rebuild(int phase, String instance) throws Exception {
        long started = System.nanoTime();
        String url = stack.url(instance) + "/admin/rebuild";
        HttpResponse<String> answer = FaultClients.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.internalToken(Caller.admin("fault-suite")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("rebuild started: " + answer.body()).isEqualTo(202);
        // it runs on while the next faults happen (none touches this instance), and is awaited before the counting
        restarting.put("rebuild", Thread.ofPlatform().name("rebuild-" + instance).start(() -> {
            try {
                await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> new FaultDiagnostics(stack)
                        .directQuietly(url), progress -> progress != null && "DONE".equals(progress.path("state").asText()));
                JsonNode done = new FaultDiagnostics(stack).directQuietly(url);
                System.out.println("rebuild on " + instance + ": generation " + done.path("generation").asInt() + ", "
                        + done.path("done").asLong() + " events");
                report.recovery.put(phase, (System.nanoTime() - started) / 1e9);
            } catch (RuntimeException unfinished) {
                report.incidents.add("the rebuild on " + instance + " did not finish: " + unfinished);
            }
        }));
    }

}
