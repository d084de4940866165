package org.datacollab.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a dependency's (retried without end) and which the record's own (set aside after a few attempts). */
class FailuresTest {

    record Row(String name, Throwable failure, boolean dependencyUnreachable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() throws Exception {
        Exception json;
        try {
            new ObjectMapper().readTree("not json");
            throw new AssertionError("read");
        } catch (IOException e) {
            json = e;
        }
        return Stream.of(
                new Row("MongoDB refusing connections", new MongoSocketOpenException("refused", new ServerAddress()), true),
                new Row("the registry refusing connections, wrapped", new IllegalStateException("registry", new ConnectException("refused")), true),
                new Row("an HTTP call timing out", new UncheckedIOException(new HttpTimeoutException("slow")), true),
                new Row("Kafka lacking in-sync replicas", new NotEnoughReplicasException("isr"), true),
                new Row("a dependency marked unavailable", new DependencyUnavailable("503", null), true),
                new Row("wrapped by the listener and the batch", new ListenerExecutionFailedException("listener",
                        new BatchListenerFailedException("batch", new DependencyUnavailable("down", null), 3)), true),
                new Row("a day beyond LocalDate's range", new ListenerExecutionFailedException("listener",
                        new BatchListenerFailedException("batch", new DateTimeException("Invalid date"), 1)), false),
                new Row("bytes that are not JSON", new IllegalArgumentException("not a cloud event", json), false),
                new Row("a gap the registry cannot fill", new IllegalStateException("the registry did not return the facts"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void classified(Row row) {
        assertThat(Failures.dependencyUnreachable(row.failure())).isEqualTo(row.dependencyUnreachable());
    }
}
