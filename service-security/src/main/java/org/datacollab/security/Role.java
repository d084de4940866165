package org.datacollab.security;

/**
 * What a caller may do. STEWARD records facts for the partnerships its organization is a partner or the steward
 * of, and creates partnerships; MONITOR reads the partnerships its organization is a partner of or that lie in
 * its jurisdictions; DASHBOARD reads the same, streams included, and changes nothing; ADMIN does everything,
 * including managing API keys and rebuilding projections.
 */
public enum Role {
    STEWARD, MONITOR, DASHBOARD, ADMIN
}
