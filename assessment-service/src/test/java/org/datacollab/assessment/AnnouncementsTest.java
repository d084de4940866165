package org.datacollab.assessment;

import org.datacollab.contracts.facts.DataDelivered;
import org.datacollab.contracts.facts.FundingEnded;
import org.datacollab.contracts.facts.FundingSecured;
import org.datacollab.contracts.facts.LeadershipChanged;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Risk-change ids: two changes never share one, and the same change computed again keeps its id. */
class AnnouncementsTest extends AssessmentIntegrationTest {

    /**
     * LOW to HIGH, back to LOW and to HIGH again, all on one day: four announcements, the two rises to HIGH under
     * two ids (each names the last fact it followed), so that neither is taken for a repeat of the other. Every
     * event delivered again announces nothing more.
     */
    @Test
    void lowHighLowHighOnOneDayIsAnnouncedTwiceAndARedeliveryAddsNothing() throws Exception {
        String ref = uniqueRef("collision");
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RecordedFact> all = new ArrayList<>();
        // sharing data without an agreement: LOW
        all.addAll(publish(ref, 0, AssessmentServiceTest.formed(ref, PartnershipModel.SOCIAL_ISSUE, today),
                AssessmentServiceTest.provider(today), new DataDelivered(today, "telco", "d", null, null),
                new PhaseChanged(today, Phase.FORMING, Phase.OPERATING, "first data delivered")));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 1);
        // no lead, and the only funding ends today: HIGH
        all.addAll(publish(ref, 4, new LeadershipChanged(today, null), new FundingSecured(today, "f1", "EU", null, LocalDate.now(ZoneOffset.UTC))));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 2);
        // a lead again, and funding without an end: LOW
        all.addAll(publish(ref, 6, new LeadershipChanged(today, "telco"), new FundingSecured(today, "f2", "EU", null, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 3);
        // no lead, and the open funding ended: HIGH again
        all.addAll(publish(ref, 8, new LeadershipChanged(today, null), new FundingEnded(today, "f2")));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(ref).size() == 4);

        List<RiskChangeCodec.Decoded> changes = changesOf(ref);
        assertThat(changes).extracting(d -> d.change().changeName() + " " + d.change().from() + "-" + d.change().to())
                .containsExactly("RiskRaised NONE-LOW", "RiskEscalated LOW-HIGH", "RiskLowered HIGH-LOW", "RiskEscalated LOW-HIGH");
        assertThat(changes).extracting(RiskChangeCodec.Decoded::id).doesNotHaveDuplicates();
        assertThat(changes.get(1).id()).endsWith("/5/LOW-HIGH");
        assertThat(changes.get(3).id()).endsWith("/9/LOW-HIGH");

        for (RecordedFact again : all) {
            send(again);
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> changesOf(ref).size() == 4);
    }
}
