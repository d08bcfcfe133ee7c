package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An operation is measured once per document and page size, not on every request. */
class OperationShapesTest extends ApiTest {

    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    @Autowired
    MeterRegistry meters;

    @Test
    void aRepeatedRequestIsMeasuredOnceAndAnotherPageSizeAgain() {
        String query = "query Paged($n: Int) { me { screeningInvitations(first: $n) { edges { node { id } } } } } # "
                + UUID.randomUUID();
        double misses = shapeCache("miss");
        double hits = shapeCache("hit");

        as(PATIENT).document(query).variable("n", 10).execute();
        as(PATIENT).document(query).variable("n", 10).execute();
        as(PATIENT).document(query).variable("n", 20).execute();

        assertThat(shapeCache("miss") - misses).isEqualTo(2);
        assertThat(shapeCache("hit") - hits).isEqualTo(1);
    }

    private double shapeCache(String result) {
        return meters.get("cache.gets")
            .tag("cache", "graphql.operation-shapes")
            .tag("result", result)
            .functionCounter()
            .count();
    }

}
