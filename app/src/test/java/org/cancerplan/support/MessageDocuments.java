package org.cancerplan.support;

import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A message document as the service stores it, for tests that need messages without the
 * changes that make them: an unread, unsent invitation message about a bowel screening
 * invitation. Append a key again to change it (a document keeps the last value).
 */
public final class MessageDocuments {

    private MessageDocuments() {
    }

    public static Document unreadInvitationMessage(ObjectId id, String nhsNumber, Date at) {
        return new Document("_id", id).append("patientNhsNumber", nhsNumber)
            .append("about", new Document("kind", "INVITATION").append("_id", "invitation-" + id))
            .append("clinical", false)
            .append("parts",
                    List.of(new Document("key", "part:" + id).append("kind", "INVITATION_ISSUED")
                        .append("at", at)
                        .append("fields", new Document("programme", "BOWEL"))))
            .append("createdAt", at)
            .append("updatedAt", at)
            .append("relay",
                    new Document("state", "PENDING").append("notBefore", at)
                        .append("attempts", 0)
                        .append("resends", 0));
    }

}
