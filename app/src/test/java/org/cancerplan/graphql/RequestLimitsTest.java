package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;

/** Each request limit with its defaults: just under passes, just over is refused with its code. */
class RequestLimitsTest extends ApiTest {

    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");
    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    @Test
    void depthOfTwelvePassesAndThirteenIsRefused() {
        String twelve = "{ neighbourhoodLead(id: \"none\") { caseload(first: 1) { edges { node { neighbourhoodLead {"
                + " lead { caseload(first: 1) { edges { node { neighbourhoodLead { lead { id } } } } } } } } } } } }";
        String thirteen = twelve.replace("lead { id }", "lead { contact { phone } }");

        assertPasses(graphql.post(ADMIN, twelve));
        assertRefused(graphql.post(ADMIN, thirteen), "DEPTH_LIMIT_EXCEEDED", "13 fields deep");
    }

    @Test
    void complexityOfAThousandPassesAndMoreIsRefused() {
        // 3 + 100 x (edges + node + 7 fields) = 903, plus 1 + 24 x (edges + node + 2 fields) = 97
        String page = "all: neighbourhoodLeads(first: 100) { edges { node { id name role organisation neighbourhood"
                + " caseloadLimit active } } pageInfo { hasNextPage } }";
        String atLimit = "{ " + page + " more: neighbourhoodLeads(first: 24) { edges { node { id name } } } }";
        String overLimit = atLimit.replace("first: 24", "first: 25");

        assertPasses(graphql.post(ADMIN, atLimit));
        assertRefused(graphql.post(ADMIN, overLimit), "COMPLEXITY_LIMIT_EXCEEDED", "1004 fields");
    }

    @Test
    void thePageSizeOfAVariableCountsToo() {
        String query = "query($n: Int) { neighbourhoodLeads(first: $n) { edges { node { id name role organisation"
                + " neighbourhood caseloadLimit active staffId caseload(first: 1) { totalCount } } } } }";

        assertPasses(graphql.post(ADMIN, query, Map.of("n", 50)));
        assertRefused(graphql.post(ADMIN, query, Map.of("n", 100)), "COMPLEXITY_LIMIT_EXCEEDED", "fields");
    }

    @Test
    void theSameDocumentIsMeasuredAgainForEachPageSize() {
        String query = "query Resized($n: Int) { neighbourhoodLeads(first: $n) { edges { node { id name role"
                + " organisation neighbourhood caseloadLimit active staffId caseload(first: 1) { totalCount } } } } }";

        assertRefused(graphql.post(ADMIN, query, Map.of("n", 100)), "COMPLEXITY_LIMIT_EXCEEDED", "1201 fields");
        assertPasses(graphql.post(ADMIN, query, Map.of("n", 50)));
        assertRefused(graphql.post(ADMIN, query, Map.of("n", 100)), "COMPLEXITY_LIMIT_EXCEEDED", "1201 fields");
    }

    @Test
    void aFieldCountsOnlyWhenItsConditionIncludesIt() {
        String page = "neighbourhoodLeads(first: 50) { edges { node { id name role organisation neighbourhood"
                + " caseloadLimit active staffId caseload(first: 1) { totalCount } } } }";
        String query = "query Conditional($more: Boolean!) { " + page + " again: " + page.replace("(first: 50)",
                "(first: 50) @include(if: $more)") + " }";

        assertPasses(graphql.post(ADMIN, query, Map.of("more", false)));
        assertRefused(graphql.post(ADMIN, query, Map.of("more", true)), "COMPLEXITY_LIMIT_EXCEEDED", "1202 fields");
        assertPasses(graphql.post(ADMIN, query, Map.of("more", false)));
    }

    @Test
    void thirtyAliasesPassAndThirtyOneAreRefused() {
        assertPasses(graphql.post(PATIENT, "{ me { " + aliases(30, "nhsNumber") + " } }"));
        assertRefused(graphql.post(PATIENT, "{ me { " + aliases(31, "nhsNumber") + " } }"), "ALIAS_LIMIT_EXCEEDED",
                "31 aliases");
    }

    @Test
    void tenRootFieldsPassAndElevenAreRefused() {
        assertPasses(graphql.post(PATIENT, "{ " + aliases(10, "me { nhsNumber }") + " }"));
        assertRefused(graphql.post(PATIENT, "{ " + aliases(11, "me { nhsNumber }") + " }"),
                "ROOT_FIELD_LIMIT_EXCEEDED", "11 top-level fields");
    }

    @Test
    void aDocumentOf32KilobytesPassesAndOneByteMoreIsRefused() {
        String query = "{ me { nhsNumber } }\n#";
        String atLimit = query + "x".repeat(32 * 1024 - query.length());

        assertPasses(graphql.post(PATIENT, atLimit));
        assertRefused(graphql.post(PATIENT, atLimit + "x"), "DOCUMENT_TOO_LARGE", "32768 bytes");
    }

    @Test
    void pageSizesFromOneToAHundredPassAndOthersAreRefused() {
        String query = "query($n: Int) { me { screeningInvitations(first: $n) { edges { node { id } } } } }";

        assertPasses(graphql.post(PATIENT, query, Map.of("n", 1)));
        assertPasses(graphql.post(PATIENT, query, Map.of("n", 100)));
        assertRefused(graphql.post(PATIENT, query, Map.of("n", 101)), "PAGE_SIZE_OUT_OF_RANGE", "between 1 and 100");
        assertRefused(graphql.post(PATIENT, query, Map.of("n", 0)), "PAGE_SIZE_OUT_OF_RANGE", "between 1 and 100");
        assertRefused(graphql.post(PATIENT, query, Map.of("n", -1)), "PAGE_SIZE_OUT_OF_RANGE", "between 1 and 100");
    }

    @Test
    void inputListsOfAThousandPassAndLongerAreRefused() {
        String issue = "mutation($input: IssueScreeningInvitationsInput!) { issueScreeningInvitations(input: $input) {"
                + " issued errors { code } } }";
        String feed = IdentityProviders.integrationToken("invitations:write");

        Response thousand = graphql.post(feed, issue, Map.of("input", Map.of("invitations", invitations(1000))));
        Response more = graphql.post(feed, issue, Map.of("input", Map.of("invitations", invitations(1001))));

        assertPasses(thousand);
        // none of these patients is registered: each invitation is refused on its own, none issued
        assertThat(thousand.data("issueScreeningInvitations/errors")).hasSize(1000);
        assertRefused(more, "LIST_TOO_LONG", "1001 items");
    }

    @Test
    void batchedRequestsAreRefused() {
        String one = "{\"query\": \"{ me { nhsNumber } }\"}";

        Response batch = graphql.postJson(PATIENT, "[" + one + "," + one + "]", null);

        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.body().has("data")).isFalse();
    }

    @Test
    void errorsSuggestNoFieldNames() {
        Response response = graphql.post(PATIENT, "{ me { nhsNumbr familyNam } }");

        assertThat(response.hasErrors()).isTrue();
        assertThat(response.body().toString()).doesNotContainIgnoringCase("did you mean")
                .doesNotContain("\"nhsNumber\"").doesNotContain("familyName");
    }

    @Test
    void introspectionIsOffOutsideLocalMode() {
        Response response = graphql.post(PATIENT, "{ __schema { types { name } } }");

        assertThat(response.hasErrors()).isTrue();
        assertThat(response.body().at("/data/__schema").isMissingNode() || response.body().at("/data/__schema")
                .isNull()).isTrue();
    }

    private static String aliases(int count, String field) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "a" + i + ": " + field).collect(Collectors.joining(" "));
    }

    private static List<Map<String, Object>> invitations(int count) {
        List<Map<String, Object>> invitations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            invitations.add(Map.of("externalId", "LIMIT-" + i, "nhsNumber", TestNhsNumbers.next(), "programme", "BOWEL",
                    "invitedOn", "2026-11-20", "respondBy", "2027-01-20"));
        }
        return invitations;
    }

    static void assertPasses(Response response) {
        assertThat(response.firstErrorCode()).as(response.body().toString()).isEmpty();
        assertThat(response.hasErrors()).as(response.body().toString()).isFalse();
    }

    static void assertRefused(Response response, String code, String messagePart) {
        assertThat(response.firstErrorCode()).as(response.body().toString()).isEqualTo(code);
        assertThat(response.body().at("/errors/0/message").asString()).contains(messagePart);
        assertThat(response.body().at("/data").isMissingNode() || response.body().at("/data").isNull()).isTrue();
    }
}
