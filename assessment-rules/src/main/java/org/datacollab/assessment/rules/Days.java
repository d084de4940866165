package org.datacollab.assessment.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Durations are whole days between the UTC dates of two instants (DOMAIN.md section 5, precise readings). */
final class Days {

    private Days() {
    }

    static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static long between(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
