package org.cancerplan.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cancerplan.graphql.Batches;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.PlanInputs.AcknowledgeCancerPlanInput;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.RecordPathwayEventInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanParts.PlanChange;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class PlanController {

    private final PlanService plans;

    private final PatientService patients;

    private final WaitingTimes waitingTimes;

    private final Clock clock;

    PlanController(PlanService plans, PatientService patients, WaitingTimes waitingTimes, Clock clock) {
        this.plans = plans;
        this.patients = patients;
        this.waitingTimes = waitingTimes;
        this.clock = clock;
    }

    @SchemaMapping(typeName = "Patient")
    CancerPlan cancerPlan(Patient patient, @AuthenticationPrincipal Caller caller) {
        return plans.current(caller, patient.nhsNumber()).orElse(null);
    }

    @SchemaMapping(typeName = "Patient")
    List<CancerPlan> cancerPlans(Patient patient, @AuthenticationPrincipal Caller caller) {
        return plans.all(caller, patient.nhsNumber());
    }

    /** Staff see who changed what, when; patients see the plan in plain terms only. */
    @SchemaMapping(typeName = "CancerPlan")
    List<PlanChange> history(CancerPlan plan, @AuthenticationPrincipal Caller caller) {
        if (caller == null || caller.is(CallerKind.PATIENT)) {
            throw new AccessDeniedException("A plan's change history is for the care team");
        }
        List<PlanChange> newestFirst = new ArrayList<>(plan.getHistory());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * The plan's patient; whoever reached the plan was checked and audited on the way.
     * One query per page.
     */
    @BatchMapping(typeName = "CancerPlan")
    Map<CancerPlan, Patient> patient(List<CancerPlan> plans) {
        return Batches.pair(plans, CancerPlan::getPatientNhsNumber,
                nhsNumbers -> patients.alreadyAuthorised(nhsNumbers)
                    .stream()
                    .collect(Collectors.toMap(Patient::nhsNumber, p -> p)));
    }

    @SchemaMapping(typeName = "Pathway")
    WaitingTimeStandard.Result fasterDiagnosisStandard(Pathway pathway) {
        return WaitingTimeStandard.FASTER_DIAGNOSIS.assess(pathway, LocalDate.now(clock));
    }

    @SchemaMapping(typeName = "Pathway")
    WaitingTimeStandard.Result decisionToTreatStandard(Pathway pathway) {
        return WaitingTimeStandard.DECISION_TO_TREAT.assess(pathway, LocalDate.now(clock));
    }

    @SchemaMapping(typeName = "Pathway")
    WaitingTimeStandard.Result referralToTreatmentStandard(Pathway pathway) {
        return WaitingTimeStandard.REFERRAL_TO_TREATMENT.assess(pathway, LocalDate.now(clock));
    }

    @QueryMapping
    WaitingTimesReport waitingTimes(@AuthenticationPrincipal Caller caller, @Argument String organisation,
            @Argument LocalDate from, @Argument LocalDate to) {
        return waitingTimes.report(caller, organisation, from, to);
    }

    @MutationMapping
    CancerPlanPayload createCancerPlan(@AuthenticationPrincipal Caller caller, @Argument CreateCancerPlanInput input) {
        return plans.create(caller, input);
    }

    @MutationMapping
    CancerPlanPayload updateCancerPlan(@AuthenticationPrincipal Caller caller, @Argument UpdateCancerPlanInput input) {
        return plans.update(caller, input);
    }

    @MutationMapping
    CancerPlanPayload recordPathwayEvent(@AuthenticationPrincipal Caller caller,
            @Argument RecordPathwayEventInput input) {
        return plans.recordPathwayEvent(caller, input);
    }

    @MutationMapping
    CancerPlanPayload acknowledgeCancerPlan(@AuthenticationPrincipal Caller caller,
            @Argument AcknowledgeCancerPlanInput input) {
        return plans.acknowledge(caller, input);
    }

}
