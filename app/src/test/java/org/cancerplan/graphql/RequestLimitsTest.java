package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.errorsOf;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.http.MediaType;

/**
 * Each request limit with its defaults: just under passes, just over is refused with its
 * code.
 */
class RequestLimitsTest extends ApiTest {

    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");

    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    @Test
    void depthOfTwelvePassesAndThirteenIsRefused() {
        String twelve = "{ neighbourhoodLead(id: \"none\") { caseload(first: 1) { edges { node { neighbourhoodLead {"
                + " lead { caseload(first: 1) { edges { node { neighbourhoodLead { lead { id } } } } } } } } } } } }";
        String thirteen = twelve.replace("lead { id }", "lead { contact { phone } }");

        assertPasses(as(ADMIN).document(twelve).execute());
        assertRefused(as(ADMIN).document(thirteen).execute(), "DEPTH_LIMIT_EXCEEDED", "13 fields deep");
    }

    @Test
    void complexityOfFifteenHundredPassesAndMoreIsRefused() {
        // 3 + 100 x (edges + node + 7 fields) = 903, plus 1 + 100 x (edges + node + 3
        // fields) = 501, plus 1 + 19 x (edges + node + 3 fields) = 96
        String page = "all: neighbourhoodLeads(first: 100) { edges { node { id name role organisation neighbourhood"
                + " caseloadLimit active } } pageInfo { hasNextPage } }";
        String second = "second: neighbourhoodLeads(first: 100) { edges { node { id name role } } }";
        String atLimit = "{ " + page + " " + second
                + " more: neighbourhoodLeads(first: 19) { edges { node { id name role } } } }";
        String overLimit = atLimit.replace("first: 19", "first: 20");

        assertPasses(as(ADMIN).document(atLimit).execute());
        assertRefused(as(ADMIN).document(overLimit).execute(), "COMPLEXITY_LIMIT_EXCEEDED", "1505 fields");
    }

    @Test
    void thePageSizeOfAVariableCountsToo() {
        String leads = "neighbourhoodLeads(first: $n) { edges { node { id name role organisation"
                + " neighbourhood caseloadLimit active staffId caseload(first: 1) { totalCount } } } }";
        String query = "query($n: Int) { a: " + leads + " b: " + leads + " }";

        assertPasses(as(ADMIN).document(query).variable("n", 50).execute());
        assertRefused(as(ADMIN).document(query).variable("n", 100).execute(), "COMPLEXITY_LIMIT_EXCEEDED", "fields");
    }

    @Test
    void theSameDocumentIsMeasuredAgainForEachPageSize() {
        String leads = "neighbourhoodLeads(first: $n) { edges { node { id name role"
                + " organisation neighbourhood caseloadLimit active staffId caseload(first: 1) { totalCount } } } }";
        String query = "query Resized($n: Int) { a: " + leads + " b: " + leads + " }";

        assertRefused(as(ADMIN).document(query).variable("n", 100).execute(), "COMPLEXITY_LIMIT_EXCEEDED",
                "2402 fields");
        assertPasses(as(ADMIN).document(query).variable("n", 50).execute());
        assertRefused(as(ADMIN).document(query).variable("n", 100).execute(), "COMPLEXITY_LIMIT_EXCEEDED",
                "2402 fields");
    }

    @Test
    void aFieldCountsOnlyWhenItsConditionIncludesIt() {
        String page = "neighbourhoodLeads(first: 70) { edges { node { id name role organisation neighbourhood"
                + " caseloadLimit active staffId caseload(first: 1) { totalCount } } } }";
        String query = "query Conditional($more: Boolean!) { " + page + " again: "
                + page.replace("(first: 70)", "(first: 70) @include(if: $more)") + " }";

        assertPasses(as(ADMIN).document(query).variable("more", false).execute());
        assertRefused(as(ADMIN).document(query).variable("more", true).execute(), "COMPLEXITY_LIMIT_EXCEEDED",
                "1682 fields");
        assertPasses(as(ADMIN).document(query).variable("more", false).execute());
    }

    @Test
    void thirtyAliasesPassAndThirtyOneAreRefused() {
        assertPasses(as(PATIENT).document("{ me { " + aliases(30, "nhsNumber") + " } }").execute());
        assertRefused(as(PATIENT).document("{ me { " + aliases(31, "nhsNumber") + " } }").execute(),
                "ALIAS_LIMIT_EXCEEDED", "31 aliases");
    }

    @Test
    void tenRootFieldsPassAndElevenAreRefused() {
        assertPasses(as(PATIENT).document("{ " + aliases(10, "me { nhsNumber }") + " }").execute());
        assertRefused(as(PATIENT).document("{ " + aliases(11, "me { nhsNumber }") + " }").execute(),
                "ROOT_FIELD_LIMIT_EXCEEDED", "11 top-level fields");
    }

    @Test
    void aDocumentOf32KilobytesPassesAndOneByteMoreIsRefused() {
        String query = "{ me { nhsNumber } }\n#";
        String atLimit = query + "x".repeat(32 * 1024 - query.length());

        assertPasses(as(PATIENT).document(atLimit).execute());
        assertRefused(as(PATIENT).document(atLimit + "x").execute(), "DOCUMENT_TOO_LARGE", "32768 bytes");
    }

    @Test
    void pageSizesFromOneToAHundredPassAndOthersAreRefused() {
        String query = "query($n: Int) { me { screeningInvitations(first: $n) { edges { node { id } } } } }";

        assertPasses(as(PATIENT).document(query).variable("n", 1).execute());
        assertPasses(as(PATIENT).document(query).variable("n", 100).execute());
        assertRefused(as(PATIENT).document(query).variable("n", 101).execute(), "PAGE_SIZE_OUT_OF_RANGE",
                "between 1 and 100");
        assertRefused(as(PATIENT).document(query).variable("n", 0).execute(), "PAGE_SIZE_OUT_OF_RANGE",
                "between 1 and 100");
        assertRefused(as(PATIENT).document(query).variable("n", -1).execute(), "PAGE_SIZE_OUT_OF_RANGE",
                "between 1 and 100");
    }

    @Test
    void inputListsOfAThousandPassAndLongerAreRefused() {
        String issue = "mutation($input: IssueScreeningInvitationsInput!) { issueScreeningInvitations(input: $input) {"
                + " issued errors { code } } }";
        String feed = IdentityProviders.integrationToken("invitations:write");

        Response thousand = as(feed).document(issue)
            .variable("input", Map.of("invitations", invitations(1000)))
            .execute();
        Response more = as(feed).document(issue).variable("input", Map.of("invitations", invitations(1001))).execute();

        assertPasses(thousand);
        // none of these patients is registered: each invitation is refused on its own,
        // none issued
        thousand.path("issueScreeningInvitations.errors").entityList(Object.class).hasSize(1000);
        assertRefused(more, "LIST_TOO_LONG", "1001 items");
    }

    @Test
    void batchedRequestsAreRefused() {
        String one = "{\"query\": \"{ me { nhsNumber } }\"}";

        // not a GraphQL request the tester can send
        http.post()
            .headers(headers -> headers.setBearerAuth(PATIENT))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("[" + one + "," + one + "]")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.data")
            .doesNotHaveJsonPath();
    }

    @Test
    void errorsSuggestNoFieldNames() {
        Response response = as(PATIENT).document("{ me { nhsNumbr familyNam } }").execute();

        assertThat(errorsOf(response)).isNotEmpty();
        assertThat(json(response)).doesNotContainIgnoringCase("did you mean")
            .doesNotContain("\"nhsNumber\"")
            .doesNotContain("familyName");
    }

    @Test
    void introspectionIsOffOutsideLocalMode() {
        Response response = as(PATIENT).document("{ __schema { types { name } } }").execute();

        assertThat(errorsOf(response)).isNotEmpty();
        assertThat(response.returnResponse().field("__schema").<Object>getValue()).isNull();
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
        response.errors().verify();
    }

    static void assertRefused(Response response, String code, String messagePart) {
        ResponseError error = firstError(response);
        assertThat(error.getExtensions()).containsEntry("code", code);
        assertThat(error.getMessage()).contains(messagePart);
        assertThat(response.returnResponse().<Object>getData()).isNull();
    }

}
