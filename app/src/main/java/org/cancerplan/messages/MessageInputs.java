package org.cancerplan.messages;

import java.util.List;

import org.cancerplan.shared.UserError;

/** The inbox's GraphQL inputs and payloads. */
final class MessageInputs {

    private MessageInputs() {
    }

    record MarkMessageReadInput(String messageId, String clientMutationId) {
    }

    record MarkMessageReadPayload(Message message, List<UserError> errors, String clientMutationId) {

        static MarkMessageReadPayload failed(UserError error, String cmid) {
            return new MarkMessageReadPayload(null, List.of(error), cmid);
        }

    }

}
