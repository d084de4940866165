package org.datacollab.bounds;

import org.datacollab.problem.ProblemException;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streams within their caps (per key, per instance; 429 stream-limit beyond), and a client that does not read is dropped. */
class StreamGateTest {

    static final StreamGate GATE = new StreamGate(new StreamLimits(2, 3, 10, Duration.ofSeconds(10)));

    @Test
    void aKeyBeyondItsShareAndAnInstanceBeyondItsTotalAreRefusedUntilAStreamEnds() {
        Caller a = caller("a");
        Caller b = caller("b");
        var first = GATE.admit(a, Flux.never()).subscribe();
        var second = GATE.admit(a, Flux.never()).subscribe();
        assertThatThrownBy(() -> GATE.admit(a, Flux.never())).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(429);
            assertThat(e.problem().rule()).isEqualTo("stream-limit");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        });
        var third = GATE.admit(b, Flux.never()).subscribe();
        assertThatThrownBy(() -> GATE.admit(b, Flux.never())).isInstanceOf(ProblemException.class).hasMessageContaining("instance");
        first.dispose();
        var again = GATE.admit(a, Flux.never()).subscribe();
        assertThat(GATE.open()).isEqualTo(3);
        List.of(second, third, again).forEach(s -> s.dispose());
        assertThat(GATE.open()).isZero();
    }

    @Test
    void aClientThatDoesNotReadIsDroppedOnceItsBufferIsFull() {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        GATE.admit(caller("slow"), Flux.range(0, 1000)).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnError(Throwable error) {
                ended.set(error);
            }
        });
        assertThat(ended.get()).as("dropped").isNotNull();
        assertThat(GATE.open()).isZero();
    }

    static Caller caller(String subject) {
        return Caller.of(subject, "org-" + subject, List.of(Role.DASHBOARD), List.of());
    }
}
