package org.datacollab.registry.partnership;

import org.datacollab.registry.partnership.rules.LifecycleRules;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.registry.partnership.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.security.Caller;
import org.datacollab.registry.partnership.Commands.FormPartnership;
import org.datacollab.registry.partnership.Commands.ImportHistory;
import org.datacollab.registry.partnership.Commands.RecordFact;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partnership, event-sourced. Command handlers only decide (through {@link LifecycleRules}) and apply;
 * the event-sourcing handler only folds the fact into {@link PartnershipState}. All facts a command decides
 * are appended in one commit, which the Mongo event store keeps as one document: an import is all or nothing.
 * Loaded aggregates are cached; a stale one (another instance appended meanwhile) fails its append on the
 * sequence number's unique index, is evicted, and the request answers 409 to be retried: histories never fork.
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
    /** The idempotency keys of the latest commands, so that a command retried after a crash is not applied twice. */
    private final java.util.LinkedHashSet<String> recentKeys = new java.util.LinkedHashSet<>();
    private static final int RECENT_KEYS = 1000;

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
        List<PartnershipFact> decided = new java.util.ArrayList<>(LifecycleRules.decide(scratch, command.formed(), now()));
        decided.forEach(scratch::apply);
        List<PartnershipFact> history = command.history();
        for (int i = 0; i < history.size(); i++) {
            PartnershipFact fact = history.get(i);
            try {
                List<PartnershipFact> facts = LifecycleRules.decide(scratch, fact, now());
                facts.forEach(scratch::apply);
                decided.addAll(facts);
            } catch (RuleViolation violation) {
                throw new HistoryRejected(i, fact.factName(), violation);
            }
        }
        record(decided);
        return state.version();
    }

    @CommandHandler
    public long handle(Commands.ReclassifyModel command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.JoinPartnership command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.ChangePartnerRoles command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.LeavePartnership command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.ObserveDriver command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.RaiseChallenge command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.ApplyMechanism command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.ResolveChallenge command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.SignAgreement command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.EndAgreement command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.RecordDelivery command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.InviteProvider command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.RecordProviderDecline command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.SecureFunding command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.EndFunding command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.ChangeLeadership command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.AssessParticipation command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.RequestPhaseChange command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.EndPartnership command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.DescribePartnership command, MetaData metaData) {
        return decideAndRecord(command, metaData);
    }

    @CommandHandler
    public long handle(Commands.RecordCatalogueRow command, MetaData metaData) {
        Caller caller = CallerMetaData.from(metaData);
        command.facts().forEach(fact -> authorize(caller, fact));
        // every fact is decided (against a copy, in order) before any is applied: a row records all of them or none
        PartnershipState scratch = state.copy();
        List<PartnershipFact> decided = new java.util.ArrayList<>();
        for (PartnershipFact fact : command.facts()) {
            List<PartnershipFact> facts = LifecycleRules.decide(scratch, fact, now());
            facts.forEach(scratch::apply);
            decided.addAll(facts);
        }
        record(decided);
        return state.version();
    }

    private long decideAndRecord(RecordFact command, MetaData metaData) {
        authorize(CallerMetaData.from(metaData), command.fact());
        Object key = metaData.get(CallerMetaData.IDEMPOTENCY_KEY);
        if (key != null && recentKeys.contains(key)) {
            return state.version(); // recorded before the instance that ran it crashed: answered, not applied again
        }
        record(LifecycleRules.decide(state, command.fact(), now()));
        return state.version();
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

    /**
     * A caller records facts when its organization is a partner or the steward and it holds STEWARD; a caller
     * that may not even see the partnership is told it does not exist. A description is the steward's (or an
     * ADMIN's) to record, not every partner's (catalogue.md).
     */
    private void authorize(Caller caller, PartnershipFact fact) {
        if (caller == null) {
            return;
        }
        var partners = state.partners().keySet();
        String jurisdiction = state.formed() == null ? null : state.formed().jurisdiction();
        if (!caller.maySee(partners, steward, jurisdiction)) {
            throw AccessRefused.notVisible(ref);
        }
        if (!caller.mayRecord(partners, steward)) {
            throw AccessRefused.notPermitted(ref, "Recording facts for '" + ref + "' takes the STEWARD role for one of its partners"
                    + " or for its steward organization; this key has " + caller.roles() + " for '" + caller.organization() + "'.");
        }
        if (fact instanceof PartnershipDescribed && !caller.mayRecord(List.of(), steward)) {
            throw AccessRefused.notPermitted(ref, "Describing '" + ref + "' for the catalogue takes the STEWARD role for its steward"
                    + " organization ('" + steward + "') or ADMIN; this key has " + caller.roles() + " for '" + caller.organization() + "'.");
        }
    }

    @EventSourcingHandler
    void on(PartnershipFact fact, MetaData metaData) {
        if (ref == null && fact instanceof org.datacollab.contracts.facts.PartnershipFormed formed) {
            ref = formed.ref();
            steward = (String) metaData.get(CallerMetaData.RECORDED_BY);
        }
        Object key = metaData.get(CallerMetaData.IDEMPOTENCY_KEY);
        if (key != null && recentKeys.add((String) key) && recentKeys.size() > RECENT_KEYS) {
            recentKeys.remove(recentKeys.iterator().next());
        }
        state.apply(fact);
    }

    /** Axon's event clock, so that fixture tests control "now" the same way they control event timestamps. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
