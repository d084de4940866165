package org.datacollab.registry.partnership;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.registry.partnership.Commands.FormPartnership;
import org.datacollab.registry.partnership.Commands.ImportHistory;
import org.datacollab.registry.partnership.Commands.RecordCatalogueRow;
import org.datacollab.registry.partnership.Commands.RecordFact;
import org.datacollab.registry.partnership.rules.LifecycleRules;
import org.datacollab.registry.partnership.rules.PartnershipAccess;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.registry.partnership.rules.RecentKeys;
import org.datacollab.registry.partnership.rules.RuleViolation;
import org.datacollab.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partnership, event-sourced. A command is authorized ({@link PartnershipAccess}), checked against the keys
 * already recorded ({@link RecentKeys}), decided ({@link LifecycleRules}) and recorded; the event-sourcing handler
 * only folds each fact into {@link PartnershipState}. All facts a command decides are appended in one commit, which
 * the Mongo event store keeps as one document: an import is all or nothing. Loaded aggregates are cached; a stale
 * one (another instance appended meanwhile) fails its append on the sequence number's unique index, is evicted, and
 * the request answers 409 to be retried: histories never fork.
 */
@Aggregate(cache = "partnershipCache")
public class Partnership {

    public static final String COMMIT_INDEX = "commitIndex";
    public static final String COMMIT_SIZE = "commitSize";

    @AggregateIdentifier
    private String ref;
    private PartnershipState state = new PartnershipState();
    /** The organization that formed or imported the partnership (from the event's metadata; null when unknown). */
    private String steward;
    private final RecentKeys recentKeys = new RecentKeys();

    protected Partnership() {
        // for Axon
    }

    @CommandHandler
    public Partnership(FormPartnership command) {
        record(LifecycleRules.decide(state, command.formed(), now()));
    }

    /**
     * A whole history in one commit. A creation-policy handler rather than a constructor: Axon applies events
     * raised in a constructor only after it returns, nesting one call per event, which a history of thousands
     * of facts cannot afford; here each fact is applied (and folded) at once, and decided against the result.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(ImportHistory command) {
        // decided against a scratch fold first, so that every fact carries its place in the one commit
        PartnershipState scratch = new PartnershipState();
        List<PartnershipFact> decided = new ArrayList<>(LifecycleRules.decide(scratch, command.formed(), now()));
        decided.forEach(scratch::apply);
        List<PartnershipFact> history = command.history();
        for (int i = 0; i < history.size(); i++) {
            PartnershipFact fact = history.get(i);
            try {
                decided.addAll(decideInto(scratch, fact));
            } catch (RuleViolation violation) {
                throw new HistoryRejected(i, fact.factName(), violation);
            }
        }
        record(decided);
        return state.version();
    }

    /** Any fact about this partnership: authorize, already seen?, decide, record. */
    @CommandHandler
    public long handle(RecordFact command, MetaData metaData) {
        PartnershipAccess.authorize(CallerMetaData.from(metaData), ref, state, steward, command.fact());
        if (recentKeys.seen(metaData.get(CallerMetaData.IDEMPOTENCY_KEY))) {
            return state.version(); // recorded before the instance that ran it crashed: answered, not applied again
        }
        record(LifecycleRules.decide(state, command.fact(), now()));
        return state.version();
    }

    @CommandHandler
    public long handle(RecordCatalogueRow command, MetaData metaData) {
        Caller caller = CallerMetaData.from(metaData);
        command.facts().forEach(fact -> PartnershipAccess.authorize(caller, ref, state, steward, fact));
        // every fact is decided (against a copy, in order) before any is applied: a row records all of them or none
        PartnershipState scratch = state.copy();
        List<PartnershipFact> decided = new ArrayList<>();
        for (PartnershipFact fact : command.facts()) {
            decided.addAll(decideInto(scratch, fact));
        }
        record(decided);
        return state.version();
    }

    /** Decides a fact against a scratch state and folds what was decided into it, for the next fact of the same commit. */
    private static List<PartnershipFact> decideInto(PartnershipState scratch, PartnershipFact fact) {
        List<PartnershipFact> facts = LifecycleRules.decide(scratch, fact, now());
        facts.forEach(scratch::apply);
        return facts;
    }

    /**
     * Applies the facts of one decision. Each carries its place in the commit, so that consumers can evaluate
     * a partnership once per commit (an imported history announces only its current level, not every step).
     */
    private void record(List<PartnershipFact> facts) {
        for (int i = 0; i < facts.size(); i++) {
            apply(facts.get(i), MetaData.with(COMMIT_INDEX, i).and(COMMIT_SIZE, facts.size()));
        }
    }

    @EventSourcingHandler
    void on(PartnershipFact fact, MetaData metaData) {
        if (ref == null && fact instanceof PartnershipFormed formed) {
            ref = formed.ref();
            steward = (String) metaData.get(CallerMetaData.RECORDED_BY);
        }
        recentKeys.remember(metaData.get(CallerMetaData.IDEMPOTENCY_KEY));
        state.apply(fact);
    }

    /** Axon's event clock, so that fixture tests control "now" the same way they control event timestamps. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
