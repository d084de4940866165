package org.datacollab.notification.inbox;

import org.datacollab.security.Caller;
import org.datacollab.security.Role;

/** Who may change the state of an alert: DASHBOARD keys only read, every other role acts for its organization. */
public final class AlertAccess {

    private AlertAccess() {
    }

    public static boolean mayAcknowledge(Caller caller) {
        return caller.isAdmin() || caller.has(Role.STEWARD) || caller.has(Role.MONITOR);
    }
}
