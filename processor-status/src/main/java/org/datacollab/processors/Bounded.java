package org.datacollab.processors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A figure for a status answer, given up on after a while: a status page must answer while Kafka or MongoDB is
 * slow or down (that is when it is read), so a figure that does not come in time is left out (null).
 */
public final class Bounded {

    private static final Duration WAIT = Duration.ofSeconds(5);

    public static <T> T orNull(Supplier<T> figure) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(figure);
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            return null;
        }
    }

    private Bounded() {
    }
}
