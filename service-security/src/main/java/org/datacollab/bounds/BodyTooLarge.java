package org.datacollab.bounds;

import org.springframework.core.io.buffer.DataBufferLimitException;

/** A request body beyond its path's limit (declared, or counted as its chunks arrive); answered 413 body-size. */
public class BodyTooLarge extends DataBufferLimitException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("The body is larger than " + limit + " bytes, the most this endpoint accepts.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
