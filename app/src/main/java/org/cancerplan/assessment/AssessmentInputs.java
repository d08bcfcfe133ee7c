package org.cancerplan.assessment;

import java.time.LocalDate;
import java.util.List;

import org.cancerplan.shared.UserError;

/** The API's inputs and payloads for assessments. */
public final class AssessmentInputs {

    private AssessmentInputs() {
    }

    public record RequestAssessmentInput(String planId, String questionnaireId, LocalDate dueBy,
            String clientMutationId) {
    }

    public record AnswerInput(String itemId, Integer score, Boolean yes, String choice, String text,
            Boolean wantsToDiscuss) {
    }

    public record SubmitAssessmentInput(String assessmentId, List<AnswerInput> answers, String clientMutationId) {
    }

    public record DeclineAssessmentInput(String assessmentId, String clientMutationId) {
    }

    public record AssessmentPayload(Assessment assessment, List<UserError> errors, String clientMutationId) {

        static AssessmentPayload of(Assessment assessment, String clientMutationId) {
            return new AssessmentPayload(assessment, List.of(), clientMutationId);
        }

        static AssessmentPayload failed(List<UserError> errors, String clientMutationId) {
            return new AssessmentPayload(null, List.copyOf(errors), clientMutationId);
        }

        static AssessmentPayload failed(UserError error, String clientMutationId) {
            return failed(List.of(error), clientMutationId);
        }

    }

}
