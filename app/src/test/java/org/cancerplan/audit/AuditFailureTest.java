package org.cancerplan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * No unaudited access: when the audit write fails, the request fails and returns nothing. Runs on a store of its own,
 * since it breaks audit writes on purpose.
 */
class AuditFailureTest extends IsolatedStoreTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void whenTheAuditWriteFailsTheRequestFailsAndReturnsNoData() {
        GraphQlHttp graphql = new GraphQlHttp(port);
        String nhsNumber = TestNhsNumbers.next();
        Response registered = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", List.of(
                        Map.of("nhsNumber", nhsNumber, "givenName", "Unaudited", "familyName", "Read",
                                "dateOfBirth", "1970-01-01")))));
        assertThat(registered.data("registerPatients/registered").asInt()).isEqualTo(1);
        // From now on every PATIENT_READ event collides with this one on a unique index: the audit insert fails.
        mongo.insert(new Document("action", "PATIENT_READ"), "auditEvents");
        mongo.indexOps("auditEvents").createIndex(new Index().on("action", Sort.Direction.ASC).unique());

        Response response = graphql.post(IdentityProviders.staffToken("R1H", "R8000"),
                "query($n: NhsNumber!) { patient(nhsNumber: $n) { givenName } }", Map.of("n", nhsNumber));

        assertThat(response.hasErrors()).isTrue();
        // the read is audited with the request's other reads when the response is ready: it is withheld entirely
        assertThat(response.body().path("data").isNull() || response.body().path("data").isMissingNode()).isTrue();
        assertThat(response.body().at("/errors/0/message").asString()).contains("could not be audited");
        assertThat(response.body().toString()).doesNotContain("Unaudited").doesNotContain("Exception");
    }
}
