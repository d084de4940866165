package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.vocabulary.Organization;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.regex.Pattern;

import static org.datacollab.registry.partnership.rules.RuleViolation.invalid;

/**
 * Value rules (400): the bounds of every text, list, date and amount (contracts' Limits; a catalogue description's
 * are catalogue.md's: short texts 200 characters, other texts 10,000, lists 50 items), shapes of refs, non-blank
 * texts, non-empty role lists, scores 1..5, counts not negative.
 */
final class FieldRules {

    /** A slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 100 characters. */
    static final Pattern REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private FieldRules() {
    }

    static void check(PartnershipFact fact) {
        Limits.check((Record) fact).ifPresent(breach -> {
            throw new RuleViolation(RuleViolation.Kind.INVALID, breach.rule(), breach.field(), breach.detail(), breach.limit());
        });
        switch (fact) {
            case PartnershipFormed f -> {
                ref(f.ref(), "ref");
                notBlank(f.name(), "name");
                // optional since catalogue imports form partnerships without them (catalogue.md), never blank
                optionalNotBlank(f.societalIssue(), "societalIssue");
                optionalNotBlank(f.intendedGoal(), "intendedGoal");
                if (f.organizations() != null) {
                    for (int i = 0; i < f.organizations().size(); i++) {
                        organization(f.organizations().get(i), "organizations[" + i + "]");
                    }
                }
            }
            case PartnerJoined f -> {
                organization(f.organization(), "organization");
                notEmpty(f.roles(), "roles");
            }
            case PartnerRolesChanged f -> notEmpty(f.roles(), "roles");
            case ProviderInvited f -> organization(f.organization(), "organization");
            case AgreementSigned f -> {
                notBlank(f.agreementId(), "agreementId");
                notEmpty(f.parties(), "parties");
            }
            case ChallengeRaised f -> notBlank(f.challengeId(), "challengeId");
            case DataDelivered f -> {
                notBlank(f.dataset(), "dataset");
                notNegative(f.records(), "records");
                notNegative(f.bytes(), "bytes");
            }
            case FundingSecured f -> {
                notBlank(f.fundingId(), "fundingId");
                if (f.amount() != null && f.amount().value().signum() < 0) {
                    throw invalid("not-negative", "amount.value", "amount.value must not be negative.");
                }
                if (f.amount() != null && !f.amount().currency().matches("[A-Z]{3}")) {
                    throw invalid("currency-code", "amount.currency", "amount.currency must be an ISO 4217 code such as EUR.");
                }
            }
            case ParticipationAssessed f -> scores(f);
            case PartnershipDescribed f -> DescriptionRules.check(f);
            default -> { }
        }
    }

    static void optionalNotBlank(String value, String field) {
        if (value != null) {
            notBlank(value, field);
        }
    }

    private static void scores(ParticipationAssessed f) {
        for (RecordComponent component : ParticipationAssessed.class.getRecordComponents()) {
            if (component.getType() == int.class) {
                try {
                    int score = (int) component.getAccessor().invoke(f);
                    if (score < 1 || score > 5) {
                        throw invalid("score-range", component.getName(), component.getName() + " is " + score + "; scores run from 1 to 5.");
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void organization(Organization organization, String field) {
        ref(organization.ref(), field + ".ref");
        notBlank(organization.name(), field + ".name");
    }

    static void ref(String ref, String field) {
        if (!REF.matcher(ref).matches()) {
            throw invalid("ref-format", field, field + " '" + ref
                    + "' is not a ref: use lower-case letters, digits and hyphens (at most 100), e.g. 'flowminder-nepal'.");
        }
    }

    static void notBlank(String value, String field) {
        if (value.isBlank()) {
            throw invalid("not-blank", field, field + " must not be blank.");
        }
    }

    private static void notEmpty(Collection<?> values, String field) {
        if (values.isEmpty()) {
            throw invalid("not-empty", field, field + " must name at least one value.");
        }
    }

    private static void notNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw invalid("not-negative", field, field + " must not be negative.");
        }
    }
}
