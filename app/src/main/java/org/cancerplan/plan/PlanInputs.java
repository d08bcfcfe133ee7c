package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.Pathway.PathwayEvent;
import org.cancerplan.plan.PlanParts.CareOfferStatus;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanParts.GoalStatus;
import org.cancerplan.plan.PlanParts.NeedDomain;
import org.cancerplan.plan.PlanParts.TreatmentIntent;
import org.cancerplan.plan.PlanParts.TreatmentModality;
import org.cancerplan.plan.PlanParts.TreatmentStatus;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.shared.UserError;

/** The inputs and payload of the plan mutations, as in the GraphQL schema. */
public final class PlanInputs {

    private PlanInputs() {
    }

    public record DiagnosisInput(String cancerTypeCode, String stage, LocalDate diagnosedOn) {
    }

    public record ContactInput(String phone, String email) {
    }

    public record CareTeamMemberInput(String role, String name, String organisation, ContactInput contact) {
    }

    public record TreatmentInput(String id, TreatmentModality modality, TreatmentIntent intent, TreatmentStatus status,
            LocalDate startDate, LocalDate endDate, String providerOrganisation) {
    }

    public record NeedInput(NeedDomain domain, String concern, Integer severity, LocalDate assessedOn) {
    }

    public record GoalInput(String id, String description, GoalStatus status, LocalDate dueDate) {
    }

    public record CreateCancerPlanInput(NhsNumber nhsNumber, DiagnosisInput diagnosis, LocalDate referralReceivedOn,
            List<CareTeamMemberInput> careTeam, String clientMutationId) {
    }

    /** Fields left out (null) are unchanged; a list given replaces the plan's list. */
    public record UpdateCancerPlanInput(String planId, Long expectedVersion, PlanStatus status,
            DiagnosisInput diagnosis, List<NeedInput> needs, List<GoalInput> goals, List<TreatmentInput> treatments,
            List<CareTeamMemberInput> careTeam, String endOfTreatmentSummary, String clientMutationId) {
    }

    public record RecordPathwayEventInput(String planId, Long expectedVersion, PathwayEvent event, LocalDate on,
            String clientMutationId) {
    }

    public record RecordCareAndSupportPlanInput(String planId, Long expectedVersion, CareOfferStatus status,
            LocalDate offeredOn, LocalDate respondedOn, String clientMutationId) {
    }

    public record IssueTreatmentSummaryInput(String planId, Long expectedVersion, TreatmentSummaryInput summary,
            FollowUpInput followUp, String clientMutationId) {
    }

    public record TreatmentSummaryInput(List<String> sideEffectsToWatch, List<String> redFlagSymptoms,
            ReaccessPointInput reaccess, List<String> gpActions, LocalDate sharedWithGpOn) {
    }

    public record ReaccessPointInput(String description, String phone, String hours) {
    }

    public record FollowUpInput(FollowUpKind kind, LocalDate until, LocalDate nextReviewOn,
            List<SurveillanceTestInput> tests) {
    }

    public record SurveillanceTestInput(String name, LocalDate dueOn) {
    }

    public record AcknowledgeCancerPlanInput(String planId, Long expectedVersion, String clientMutationId) {
    }

    /**
     * What every plan mutation returns: the plan as it now is (when there is one to show)
     * and expected failures.
     */
    public record CancerPlanPayload(CancerPlan plan, List<UserError> errors, String clientMutationId) {

        static CancerPlanPayload of(CancerPlan plan, String clientMutationId) {
            return new CancerPlanPayload(plan, List.of(), clientMutationId);
        }

        static CancerPlanPayload failed(List<UserError> errors, String clientMutationId) {
            return new CancerPlanPayload(null, List.copyOf(errors), clientMutationId);
        }

        static CancerPlanPayload failed(UserError error, String clientMutationId) {
            return failed(List.of(error), clientMutationId);
        }
    }

}
