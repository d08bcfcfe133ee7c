package org.cancerplan.local;

import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.Pathway.PathwayEvent;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CareTeamMemberInput;
import org.cancerplan.plan.PlanInputs.ContactInput;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.DiagnosisInput;
import org.cancerplan.plan.PlanInputs.GoalInput;
import org.cancerplan.plan.PlanInputs.NeedInput;
import org.cancerplan.plan.PlanInputs.RecordPathwayEventInput;
import org.cancerplan.plan.PlanInputs.TreatmentInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanParts.GoalStatus;
import org.cancerplan.plan.PlanParts.NeedDomain;
import org.cancerplan.plan.PlanParts.TreatmentIntent;
import org.cancerplan.plan.PlanParts.TreatmentModality;
import org.cancerplan.plan.PlanParts.TreatmentStatus;
import org.cancerplan.plan.PlanService;
import org.cancerplan.plan.PlanStatus;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;

/**
 * The demo plans: Alex an active bowel cancer plan with needs, goals and a treatment;
 * Priya a draft breast cancer plan (she cannot see it until it is made active); Jo an
 * active prostate cancer plan (Jo is P5, so is refused it). Chris has none, for trying
 * CreatePlan.
 */
final class DemoPlans {

    static final int COUNT = 3;

    private DemoPlans() {
    }

    /** Alex's plan and its version, and Jo's plan, for the next steps to build on. */
    record Seeded(String planId, long version, String josPlanId) {
    }

    /** Seeds the plans; returns Alex's and Jo's. */
    static Seeded seed(PlanService plans, Caller consultant) {
        List<CareTeamMemberInput> team = List.of(
                new CareTeamMemberInput("Consultant oncologist", "Dr Aisha Khan", "R1H",
                        new ContactInput("020 7946 0100", "aisha.khan@example.nhs.uk")),
                new CareTeamMemberInput("Clinical nurse specialist", "Ben Adeyemi", "R1H",
                        new ContactInput("020 7946 0101", null)));

        String alex = open(plans, consultant, "9434765919", "C18.7", "2", "2026-10-02", "2026-09-15", team);
        long version = 1;
        version = check(plans.update(consultant, new UpdateCancerPlanInput(alex, version, PlanStatus.ACTIVE, null,
                List.of(new NeedInput(NeedDomain.MENTAL_HEALTH, "Worry about treatment", 7,
                        null), new NeedInput(NeedDomain.SOCIAL, "Travel to appointments", 5, null),
                        new NeedInput(NeedDomain.PHYSICAL, "Tiredness", 4, null)),
                List.of(new GoalInput(null, "Walk 20 minutes a day", GoalStatus.ACTIVE, LocalDate.parse("2026-12-31")),
                        new GoalInput(null, "Get help with transport to hospital", GoalStatus.ACTIVE, null)),
                List.of(new TreatmentInput(null, TreatmentModality.SURGERY, TreatmentIntent.CURATIVE,
                        TreatmentStatus.PLANNED, LocalDate.parse("2026-11-01"), null, "R1H")),
                null, null, null)));
        version = check(plans.recordPathwayEvent(consultant, new RecordPathwayEventInput(alex, version,
                PathwayEvent.DIAGNOSIS_COMMUNICATED, LocalDate.parse("2026-10-09"), null)));
        version = check(plans.recordPathwayEvent(consultant, new RecordPathwayEventInput(alex, version,
                PathwayEvent.DECISION_TO_TREAT, LocalDate.parse("2026-10-20"), null)));

        open(plans, consultant, "9434765927", "C50.9", "IIA", "2026-11-02", "2026-10-12", team);

        String jo = open(plans, consultant, "9434765935", "C61", "T2 N0 M0", "2026-08-20", "2026-07-30", team);
        check(plans.update(consultant,
                new UpdateCancerPlanInput(jo, 1L, PlanStatus.ACTIVE, null, null, null, null, null, null, null)));
        return new Seeded(alex, version, jo);
    }

    private static String open(PlanService plans, Caller consultant, String nhsNumber, String code, String stage,
            String diagnosedOn, String referredOn, List<CareTeamMemberInput> team) {
        CancerPlanPayload created = plans.create(consultant,
                new CreateCancerPlanInput(NhsNumber.of(nhsNumber),
                        new DiagnosisInput(code, stage, LocalDate.parse(diagnosedOn)), LocalDate.parse(referredOn),
                        team, null));
        check(created);
        return created.plan().getId();
    }

    private static long check(CancerPlanPayload payload) {
        if (!payload.errors().isEmpty()) {
            throw new IllegalStateException("Demo plan refused: " + payload.errors());
        }
        return payload.plan().getVersion();
    }

}
