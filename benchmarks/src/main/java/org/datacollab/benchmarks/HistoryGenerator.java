package org.datacollab.benchmarks;

import java.time.LocalDate;

/** A valid partnership-history/v1 document of any length: deliveries, drivers, challenges raised, addressed, resolved. */
final class HistoryGenerator {

    private HistoryGenerator() {
    }

    static String history(String ref, int facts) {
        StringBuilder json = new StringBuilder();
        LocalDate start = LocalDate.of(1990, 1, 1);
        json.append("""
                {"format":"partnership-history/v1","partnership":{"ref":"%s","name":"Generated %s","model":"SOCIETAL_SECTOR",
                "timeframe":"OPEN_ENDED","societalIssue":"benchmark","intendedGoal":"measure","jurisdiction":"BENCH","formedOn":"%s"},
                "organizations":[{"ref":"provider","name":"Provider","sector":"PUBLIC"}],"history":[
                {"on":"%s","fact":"PartnerJoined","organization":"provider","roles":["LEAD","DATA_PROVIDER"]}"""
                .formatted(ref, ref, start, start));
        int written = 1;
        int challenge = 0;
        while (written < facts) {
            LocalDate on = start.plusDays(written / 4 + 1);
            switch (written % 5) {
                case 0 -> json.append(",{\"on\":\"%s\",\"fact\":\"DataDelivered\",\"provider\":\"provider\",\"dataset\":\"d%d\",\"records\":%d}"
                        .formatted(on, written, written));
                case 1 -> json.append(",{\"on\":\"%s\",\"fact\":\"ChallengeRaised\",\"challengeId\":\"c%d\",\"challenge\":\"DATA_QUALITY\",\"note\":\"n\"}"
                        .formatted(on, ++challenge));
                case 2 -> json.append(",{\"on\":\"%s\",\"fact\":\"MechanismApplied\",\"mechanism\":\"DATA_STANDARDIZATION\",\"addresses\":[\"c%d\"],\"note\":\"n\"}"
                        .formatted(on, challenge));
                case 3 -> json.append(",{\"on\":\"%s\",\"fact\":\"ChallengeResolved\",\"challengeId\":\"c%d\",\"note\":\"n\"}".formatted(on, challenge));
                default -> json.append(",{\"on\":\"%s\",\"fact\":\"DriverObserved\",\"driver\":\"GOVERNMENT_VISION\",\"note\":\"n\"}".formatted(on));
            }
            written++;
        }
        return json.append("]}").toString();
    }
}
