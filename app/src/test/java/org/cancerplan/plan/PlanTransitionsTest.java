package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cancerplan.support.ApiTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * Every status change, from every status, through the API: allowed ones bump the version,
 * others are refused.
 */
class PlanTransitionsTest extends ApiTest {

    static Stream<Arguments> changes() {
        List<Arguments> rows = new ArrayList<>();
        for (PlanStatus from : PlanStatus.values()) {
            for (PlanStatus to : PlanStatus.values()) {
                if (from != to) {
                    rows.add(Arguments.of(from, to, from.canBecome(to)));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: allowed {2}")
    @MethodSource("changes")
    void statusChange(PlanStatus from, PlanStatus to, boolean allowed) {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        long version = 1;
        for (PlanStatus step : pathTo(from)) {
            Response moved = plans.status(planId, version++, step.name());
            moved.path("updateCancerPlan.errors").entityList(Object.class).hasSize(0);
        }

        Response response = plans.status(planId, version, to.name());

        if (allowed) {
            response.path("updateCancerPlan.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("updateCancerPlan.plan.status")
                .entity(String.class)
                .isEqualTo(to.name())
                .path("updateCancerPlan.plan.version")
                .entity(Long.class)
                .isEqualTo(version + 1);
        }
        else {
            response.path("updateCancerPlan.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_TRANSITION")
                .path("updateCancerPlan.errors[0].field")
                .entity(String.class)
                .isEqualTo("status");
            assertThat(plans.plan(nhsNumber).status()).isEqualTo(from.name());
        }
    }

    private static List<PlanStatus> pathTo(PlanStatus status) {
        return switch (status) {
            case DRAFT -> List.of();
            case ACTIVE -> List.of(PlanStatus.ACTIVE);
            case ON_HOLD -> List.of(PlanStatus.ACTIVE, PlanStatus.ON_HOLD);
            case COMPLETED -> List.of(PlanStatus.ACTIVE, PlanStatus.COMPLETED);
            case REVOKED -> List.of(PlanStatus.REVOKED);
        };
    }

}
