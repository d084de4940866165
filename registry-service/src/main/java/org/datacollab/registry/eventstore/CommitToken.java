package org.datacollab.registry.eventstore;

import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/**
 * How far a tracking processor has read the store: every commit before position {@code commit} is handled,
 * and the first {@code handled} events of commit {@code commit}. The event that ends a commit moves the token
 * to the next position ({@code (p + 1, 0)}), so that each event has a token of its own and the tokens are in
 * one total order. No gap is ever remembered: the store passes a missing position only by writing a tombstone
 * there (docs/decisions/0020), so everything below {@code commit} exists and has been read.
 *
 * @param commit  the position of the first commit not wholly handled (positions start at 1)
 * @param handled how many events of that commit are handled
 */
public record CommitToken(long commit, int handled) implements TrackingToken, Comparable<CommitToken> {

    /** Before the first commit. */
    public static CommitToken tail() {
        return new CommitToken(1, 0);
    }

    /** Before the commit at this position. */
    public static CommitToken before(long position) {
        return new CommitToken(position, 0);
    }

    /** The token of the event at {@code index} of a commit of {@code size} events at {@code position}. */
    static CommitToken after(long position, int index, int size) {
        return index + 1 >= size ? new CommitToken(position + 1, 0) : new CommitToken(position, index + 1);
    }

    @Override
    public int compareTo(CommitToken other) {
        int byCommit = Long.compare(commit, other.commit);
        return byCommit != 0 ? byCommit : Integer.compare(handled, other.handled);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        return compareTo(cast(other)) <= 0 ? this : other;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        return compareTo(cast(other)) >= 0 ? this : other;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(cast(other)) >= 0;
    }

    /** The last commit wholly handled: what lag and progress are counted in. */
    @Override
    public OptionalLong position() {
        return OptionalLong.of(commit - 1);
    }

    private static CommitToken cast(TrackingToken other) {
        if (other instanceof CommitToken token) {
            return token;
        }
        throw new IllegalArgumentException("Incompatible token type: " + other);
    }
}
