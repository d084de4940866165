package org.datacollab.assessment.catalogue;

import jakarta.annotation.PostConstruct;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.CatalogueIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps this instance's in-memory {@link CatalogueIndex} current: loaded whole at start, then fed from the
 * store's numbered log of changes, read by {@code _id} a batch at a time. Every instance follows the log, so each
 * answers searches with every partnership, whichever instance evaluated it. A number missing from the log is
 * waited for ({@link CatalogueSettings#gapTimeout()}), then passed over.
 */
@Component
@EnableConfigurationProperties(CatalogueSettings.class)
public class CatalogueFeed {

    private static final Logger log = LoggerFactory.getLogger(CatalogueFeed.class);
    private static final int BATCH = 200;

    private final CatalogueStore store;
    private final CatalogueSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final CatalogueIndex index = new CatalogueIndex();
    private long position;
    private Instant gapSince;

    public CatalogueFeed(CatalogueStore store, CatalogueSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The position is read before the entries: a change logged meanwhile is read again from the log, never missed. */
    @PostConstruct
    void load() {
        position = store.position();
        store.all().forEach(index::put);
        log.info("catalogue index loaded: {} entries, log position {}", index.size(), position);
    }

    public CatalogueIndex index() {
        return index;
    }

    @Scheduled(fixedDelayString = "${datacollab.catalogue.poll:PT0.25S}")
    public synchronized void follow() {
        while (true) {
            Map<Long, CatalogueEntry> found = store.changes(position + 1, BATCH);
            List<CatalogueEntry> refs = new ArrayList<>();
            long next = position + 1;
            while (found.containsKey(next)) {
                refs.add(found.get(next++));
            }
            if (!refs.isEmpty()) {
                refs.forEach(index::put);
                position = next - 1;
                gapSince = null;
            }
            boolean gap = !found.containsKey(position + 1) && (found.keySet().stream().anyMatch(n -> n > position) || store.position() > position);
            if (!gap) {
                if (refs.size() < BATCH) {
                    return;
                }
                continue;
            }
            Instant now = clock.instant();
            if (gapSince == null) {
                gapSince = now;
                return;
            }
            if (now.isBefore(gapSince.plus(settings.gapTimeout()))) {
                return;
            }
            log.warn("catalogue change #{} never appeared in the log within {}; passed over", position + 1, settings.gapTimeout());
            position++;
            gapSince = null;
        }
    }
}
