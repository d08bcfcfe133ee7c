package org.cancerplan.patient;

import java.util.List;

import org.cancerplan.shared.UserError;

/** What a registration batch did (the GraphQL {@code RegisterPatientsPayload}). */
public record RegistrationResult(int registered, int updated, int unchanged, List<UserError> errors,
        String clientMutationId) {
}
