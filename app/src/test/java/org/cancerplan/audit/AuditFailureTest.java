package org.cancerplan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * No unaudited access: when the audit write fails, the request fails and returns nothing.
 * Runs on a store of its own, since it breaks audit writes on purpose.
 */
class AuditFailureTest extends IsolatedStoreTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void whenTheAuditWriteFailsTheRequestFailsAndReturnsNoData() {
        String nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Unaudited", "familyName", "Read",
                                    "dateOfBirth", "1970-01-01"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        // From now on every PATIENT_READ event collides with this one on a unique index:
        // the audit insert fails.
        mongo.insert(new Document("action", "PATIENT_READ"), "auditEvents");
        mongo.indexOps("auditEvents").createIndex(new Index().on("action", Sort.Direction.ASC).unique());

        Response response = as(IdentityProviders.staffToken("R1H", "R8000"))
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { givenName } }")
            .variable("n", nhsNumber)
            .execute();

        assertThat(firstError(response).getMessage()).contains("could not be audited");
        // the read is audited with the request's other reads when the response is ready:
        // it is withheld entirely
        assertThat(response.returnResponse().<Object>getData()).isNull();
        assertThat(json(response)).doesNotContain("Unaudited").doesNotContain("Exception");
    }

}
