package org.cancerplan.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.graphql.test.tester.GraphQlTester;

/** Registers neighbourhood leads through the API as the staff admin tools do. */
public final class Leads {

    private Leads() {
    }

    /**
     * Registers a lead with the contract's RegisterLead, as {@code admin} (a tester
     * carrying a staff admin's token), with the fields {@code changes} names instead of
     * the contract's; checks it was registered and returns its id.
     */
    @SuppressWarnings("unchecked")
    public static String register(GraphQlTester admin, Map<String, Object> changes) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/RegisterLead").get("input"));
        input.putAll(changes);
        return admin.documentName("staff/RegisterLead")
            .variable("input", input)
            .execute()
            .path("registerNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("registerNeighbourhoodLead.lead.id")
            .entity(String.class)
            .get();
    }

}
