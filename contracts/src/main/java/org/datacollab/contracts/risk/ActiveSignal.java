package org.datacollab.contracts.risk;

/** A risk signal active at the time of an assessment: its name, weight and a sentence a person understands. */
public record ActiveSignal(String name, int weight, String explanation) {
}
