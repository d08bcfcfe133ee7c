package org.cancerplan.screening;

import java.util.EnumSet;
import java.util.Set;

/** Where an invitation stands. */
public enum InvitationStatus {

    INVITED, REMINDED, BOOKED, ATTENDED, DID_NOT_ATTEND, DECLINED, OPTED_OUT, RESULT_NORMAL, RESULT_ABNORMAL, CEASED,
    EXPIRED, CANCELLED;

    /** Still waiting for the patient: invited, reminded or booked. */
    static final Set<InvitationStatus> OPEN = EnumSet.of(INVITED, REMINDED, BOOKED);

    /** Counted as screened in uptake figures. */
    static final Set<InvitationStatus> SCREENED = EnumSet.of(ATTENDED, RESULT_NORMAL, RESULT_ABNORMAL);

    boolean isOpen() {
        return OPEN.contains(this);
    }

}
