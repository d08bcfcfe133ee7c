package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.function.Function;

/**
 * A cancer waiting-time standard: from a start milestone to an end milestone within a
 * number of days. Day N is met, day N+1 breached; while the end is not recorded it is
 * pending until the due date passes.
 */
public enum WaitingTimeStandard {

    /** Referral received to told of a diagnosis or that cancer is ruled out: 28 days. */
    FASTER_DIAGNOSIS(28, Pathway::referralReceivedOn, Pathway::diagnosisOutcomeOn),
    /** Decision to treat to first treatment: 31 days. */
    DECISION_TO_TREAT(31, Pathway::decisionToTreatOn, Pathway::firstTreatmentOn),
    /** Referral received to first definitive treatment: 62 days. */
    REFERRAL_TO_TREATMENT(62, Pathway::referralReceivedOn, Pathway::firstTreatmentOn);

    private final int days;

    private final Function<Pathway, LocalDate> start;

    private final Function<Pathway, LocalDate> end;

    WaitingTimeStandard(int days, Function<Pathway, LocalDate> start, Function<Pathway, LocalDate> end) {
        this.days = days;
        this.start = start;
        this.end = end;
    }

    public enum Status {

        PENDING, MET, BREACHED, NOT_APPLICABLE

    }

    public record Result(Status status, LocalDate dueBy) {
    }

    public Result assess(Pathway pathway, LocalDate today) {
        LocalDate started = start.apply(pathway);
        boolean treatmentRuledOut = this != FASTER_DIAGNOSIS && pathway.cancerRuledOutOn() != null;
        if (started == null || treatmentRuledOut) {
            return new Result(Status.NOT_APPLICABLE, null);
        }
        LocalDate dueBy = started.plusDays(days);
        LocalDate ended = end.apply(pathway);
        if (ended != null) {
            return new Result(ended.isAfter(dueBy) ? Status.BREACHED : Status.MET, dueBy);
        }
        return new Result(today.isAfter(dueBy) ? Status.BREACHED : Status.PENDING, dueBy);
    }

    /**
     * The date the standard was measured on (its end milestone), or null while it runs.
     */
    LocalDate measuredOn(Pathway pathway) {
        return start.apply(pathway) == null ? null : end.apply(pathway);
    }

}
