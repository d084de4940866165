package org.datacollab.registry.partnership;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.registry.partnership.Commands.FormPartnership;
import org.datacollab.registry.partnership.Commands.ImportHistory;
import org.datacollab.registry.partnership.rules.AccessRefused;
import org.datacollab.registry.partnership.rules.RecentKeys;
import org.datacollab.registry.partnership.rules.RuleViolation;
import org.datacollab.security.Caller;
import org.datacollab.security.Traces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The registry's use cases for the web layer. Axon's command bus and the Mongo event store block, so every
 * call runs on Reactor's bounded elastic scheduler, never on an event-loop thread.
 */
@Service
public class PartnershipService {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    private final ObjectProvider<Tracer> tracer;

    public PartnershipService(CommandGateway commands, EventStore eventStore, MeterRegistry meters,
                              ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
        this.commands = commands;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    /** Forms a partnership; answers its version (0). The caller's organization becomes its steward. */
    public Mono<Long> form(PartnershipFormed formed, Caller caller, String idempotencyKey) {
        return command("PartnershipFormed", () -> {
            requireWriter(caller, formed.ref());
            try {
                commands.sendAndWait(new FormPartnership(formed.ref(), formed), meta(caller, idempotencyKey));
            } catch (RuntimeException e) {
                if (!formedBy(formed.ref(), idempotencyKey)) {
                    throw e;
                }
            }
            return 0L;
        });
    }

    /** Records a fact; answers the partnership's version afterwards. */
    public Mono<Long> record(String ref, PartnershipFact fact, Long expectedVersion, Caller caller, String idempotencyKey) {
        return command(fact.factName(), () -> commands.<Long>sendAndWait(Commands.recordFact(ref, fact, expectedVersion),
                meta(caller, idempotencyKey)));
    }

    /** Records a whole history in one commit; answers the version afterwards. */
    public Mono<Long> importHistory(PartnershipFormed formed, List<PartnershipFact> history, Caller caller, String idempotencyKey) {
        return command("ImportHistory", () -> {
            requireWriter(caller, formed.ref());
            try {
                commands.sendAndWait(new ImportHistory(formed.ref(), formed, history), meta(caller, idempotencyKey));
            } catch (RuntimeException e) {
                if (!formedBy(formed.ref(), idempotencyKey)) {
                    throw e;
                }
            }
            return eventStore.lastSequenceNumberFor(formed.ref()).orElse(0L);
        });
    }

    /**
     * A catalogue row's facts for an existing partnership, as one commit ({@code expectedVersion}: the version the
     * row was decided against; a partnership changed meanwhile answers stale-version). Answers the version after.
     */
    public Mono<Long> recordCatalogueRow(String ref, List<PartnershipFact> facts, long expectedVersion, Caller caller) {
        return command("CatalogueRow", () -> commands.<Long>sendAndWait(
                new Commands.RecordCatalogueRow(ref, facts, expectedVersion), meta(caller, null)));
    }

    /** Every recorded fact of a partnership, in recording order; empty when there is no such partnership. */
    public Mono<List<RecordedFact>> facts(String ref) {
        return Mono.fromCallable(() -> eventStore.readEvents(ref).asStream()
                        .map(RecordedFacts::of)
                        .toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Whether the partnership's first event was recorded by a request with this idempotency key: a formation or
     * import retried after the instance that ran it crashed (the partnership exists, and it is the retry's own).
     */
    private boolean formedBy(String ref, String idempotencyKey) {
        return idempotencyKey != null && RecentKeys.of(eventStore.readEvents(ref).asStream().limit(1)
                .map(first -> first.getMetaData().get(CallerMetaData.IDEMPOTENCY_KEY))).seen(idempotencyKey);
    }

    /** The caller, and the trace of the request, travel with the command (and, through correlation, its events). */
    private MetaData meta(Caller caller, String idempotencyKey) {
        MetaData meta = CallerMetaData.of(caller);
        if (idempotencyKey != null) {
            meta = meta.and(CallerMetaData.IDEMPOTENCY_KEY, idempotencyKey);
        }
        String traceparent = Traces.traceparent(tracer.getIfAvailable());
        return traceparent == null ? meta : meta.and(Traces.TRACEPARENT, traceparent);
    }

    private static void requireWriter(Caller caller, String ref) {
        if (!caller.mayWrite()) {
            throw AccessRefused.notPermitted(ref, "Creating partnerships takes the STEWARD role; this key has " + caller.roles() + ".");
        }
    }

    private <T> Mono<T> command(String type, Callable<T> call) {
        return Mono.fromCallable(() -> {
                    Timer.Sample sample = Timer.start(meters);
                    String outcome = "accepted";
                    try {
                        return call.call();
                    } catch (CommandExecutionException e) {
                        outcome = "rejected";
                        throw unwrap(e);
                    } catch (RuntimeException e) {
                        outcome = e instanceof RuleViolation || e instanceof HistoryRejected ? "rejected" : "failed";
                        throw e;
                    } finally {
                        sample.stop(meters.timer("registry.commands", "type", type, "outcome", outcome));
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static RuntimeException unwrap(CommandExecutionException e) {
        Throwable cause = e.getCause();
        return cause instanceof RuntimeException runtime ? runtime : e;
    }
}
