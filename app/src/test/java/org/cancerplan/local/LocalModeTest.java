package org.cancerplan.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick start's local mode: its own authorization server, demo identities and demo
 * data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("local")
class LocalModeTest {

    private static final int PORT = freePort();

    private static final String BASE = "http://localhost:" + PORT;

    private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DemoData demoData;

    @Autowired
    MongoTemplate mongo;

    private final HttpGraphQlTester graphql = GraphQlTesters.http(PORT);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path store = Files.createTempDirectory("cancerplan-local-test");
        registry.add("server.port", () -> PORT);
        registry.add("cancerplan.store.path", store::toString);
    }

    @Test
    void aDemoPatientTokenReturnsThatPatientsRecord() throws Exception {
        String token = clientCredentialsToken(identity("alex"));

        Response me = as(token).document("{ me { nhsNumber givenName familyName } }").execute();

        me.path("me.nhsNumber")
            .entity(String.class)
            .isEqualTo("9434765919")
            .path("me.familyName")
            .entity(String.class)
            .isEqualTo("Jones");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(BASE + "/patient");
    }

    @Test
    void theDemoPlansAreThereForPatientsAndTheirCareTeam() throws Exception {
        String alex = clientCredentialsToken(identity("alex"));
        String priya = clientCredentialsToken(identity("priya"));
        String consultant = clientCredentialsToken(identity("dr-khan"));

        Response alexsPlan = as(alex)
            .document("{ me { cancerPlan { status diagnosis { cancerType { code } } "
                    + "needs { domain } pathway { fasterDiagnosisStandard { status } } } } }")
            .execute();
        Response priyasPlan = as(priya).document("{ me { cancerPlan { id } } }").execute();
        Response draft = as(consultant).document("{ patient(nhsNumber: \"9434765927\") { cancerPlan { status } } }")
            .execute();

        alexsPlan.path("me.cancerPlan.status")
            .entity(String.class)
            .isEqualTo("ACTIVE")
            .path("me.cancerPlan.diagnosis.cancerType.code")
            .entity(String.class)
            .isEqualTo("C18.7")
            .path("me.cancerPlan.needs")
            .entityList(Object.class)
            .hasSize(3)
            .path("me.cancerPlan.pathway.fasterDiagnosisStandard.status")
            .entity(String.class)
            .isEqualTo("MET");
        priyasPlan.path("me.cancerPlan").valueIsNull();
        draft.path("patient.cancerPlan.status").entity(String.class).isEqualTo("DRAFT");
    }

    @Test
    void myCareShowsAlexTheirPlanLeadAndInvitationsAndJoOnlyTheirInvitations() throws Exception {
        Response alex = as(clientCredentialsToken(identity("alex"))).documentName("patient-app/MyCare").execute();
        Response jo = as(clientCredentialsToken(identity("jo"))).documentName("patient-app/MyCare").execute();

        alex.path("me.cancerPlan.neighbourhoodLead.lead.name")
            .entity(String.class)
            .isEqualTo("Morgan Ellis")
            .path("me.cancerPlan.careTeam[0].name")
            .entity(String.class)
            .isEqualTo("Dr Aisha Khan")
            .path("me.screeningInvitations.edges[0].node.programme")
            .entity(String.class)
            .isEqualTo("BOWEL");
        assertThat(firstError(jo).getExtensions()).containsEntry("classification", "FORBIDDEN");
        jo.path("me.cancerPlan")
            .valueIsNull()
            .path("me.screeningInvitations.edges[0].node.programme")
            .entity(String.class)
            .isEqualTo("BREAST");
        Response priya = as(clientCredentialsToken(identity("priya")))
            .document("{ me { screeningInvitations { " + "edges { node { status appointment { location } } } } } }")
            .execute();
        priya.path("me.screeningInvitations.edges[0].node.status").entity(String.class).isEqualTo("BOOKED");
    }

    @Test
    void theDemoLeadSeesTheirCaseloadAndAlexSeesTheirLead() throws Exception {
        String alex = clientCredentialsToken(identity("alex"));
        String lead = clientCredentialsToken(identity("lead-ellis"));

        Response mine = as(alex).document("{ me { cancerPlan { neighbourhoodLead { lead { id name } } } } }").execute();
        String leadId = mine.path("me.cancerPlan.neighbourhoodLead.lead.id").entity(String.class).get();
        Response caseload = as(lead).documentName("staff/LeadCaseload").variable("leadId", leadId).execute();

        mine.path("me.cancerPlan.neighbourhoodLead.lead.name").entity(String.class).isEqualTo("Morgan Ellis");
        caseload.path("neighbourhoodLead.caseload.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("neighbourhoodLead.caseload.edges[0].node.patient.nhsNumber")
            .entity(String.class)
            .isEqualTo("9434765919");
    }

    @Test
    void theDemoDataLetsCareAfterTreatmentBeTried() throws Exception {
        String alex = clientCredentialsToken(identity("alex"));
        Response followUp = as(alex).documentName("patient-app/MyFollowUp").execute();
        String leadId = as(alex).document("{ me { cancerPlan { neighbourhoodLead { lead { id } } } } }")
            .execute()
            .path("me.cancerPlan.neighbourhoodLead.lead.id")
            .entity(String.class)
            .get();
        Response worklist = as(clientCredentialsToken(identity("lead-ellis"))).documentName("staff/LeadWorklist")
            .variable("leadId", leadId)
            .execute();
        Response queue = as(clientCredentialsToken(identity("dr-khan")))
            .document("{ organisationTasks { edges { node { kind patient { nhsNumber } } } } }")
            .execute();

        followUp.path("me.cancerPlan.treatmentSummary.redFlagSymptoms")
            .entityList(String.class)
            .hasSize(3)
            .path("me.cancerPlan.followUp.kind")
            .entity(String.class)
            .isEqualTo("PATIENT_INITIATED")
            .path("me.cancerPlan.followUp.canRequestFollowUp")
            .entity(Boolean.class)
            .isEqualTo(true)
            .path("me.assessmentsDue[0].questionnaire.id")
            .entity(String.class)
            .isEqualTo("holistic-needs")
            .path("me.followUpRequests.edges[0].node.reason")
            .entity(String.class)
            .isEqualTo("NEW_SYMPTOM");
        worklist.path("neighbourhoodLead.tasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("neighbourhoodLead.tasks.edges[0].node.priority")
            .entity(String.class)
            .isEqualTo("URGENT");
        queue.path("organisationTasks.edges[0].node.kind")
            .entity(String.class)
            .isEqualTo("ASSIGN_LEAD")
            .path("organisationTasks.edges[0].node.patient.nhsNumber")
            .entity(String.class)
            .isEqualTo("9434765935");
    }

    @Test
    void theBuiltInNotifyStandInDeliversAlexsMessagesToTheAppInbox() throws Exception {
        Query alexs = Query.query(Criteria.where("patientNhsNumber").is("9434765919"));
        org.bson.Document message = null;
        for (int wait = 0; wait < 100 && message == null; wait++) {
            message = mongo.findOne(alexs, org.bson.Document.class, "messages");
            Thread.sleep(100);
        }
        assertThat(message).as("the demo plan's message to Alex").isNotNull();
        List<Object> due = mongo.find(alexs, org.bson.Document.class, "messages")
            .stream()
            .map(found -> found.get("_id"))
            .toList();
        Query dueNow = Query.query(Criteria.where("_id").in(due));
        mongo.updateMulti(dueNow, new Update().set("relay.notBefore", Instant.now().minusSeconds(1)), "messages");
        Query notYetDelivered = Query.query(Criteria.where("_id").in(due).and("relay.messageStatus").ne("delivered"));
        for (int wait = 0; wait < 100 && mongo.exists(notYetDelivered, "messages"); wait++) {
            Thread.sleep(100);
        }

        assertThat(mongo.find(dueNow, org.bson.Document.class, "messages")).hasSameSizeAs(due)
            .extracting(sent -> sent.get("relay", org.bson.Document.class).getString("state"),
                    sent -> sent.get("relay", org.bson.Document.class).getString("messageStatus"))
            .containsOnly(tuple("SENT", "delivered"));
        as(clientCredentialsToken(identity("alex")))
            .document("{ me { messages(first: 1) { edges { node { deliveries { channel status } } } } } }")
            .execute()
            .path("me.messages.edges[0].node.deliveries[0].channel")
            .entity(String.class)
            .isEqualTo("NHSAPP")
            .path("me.messages.edges[0].node.deliveries[0].status")
            .entity(String.class)
            .isEqualTo("DELIVERED");
    }

    @Test
    void demoTokensAreShapedLikeNhsLoginAndCis2Ones() throws Exception {
        SignedJWT patient = SignedJWT.parse(clientCredentialsToken(identity("alex")));
        JWTClaimsSet staff = SignedJWT.parse(clientCredentialsToken(identity("dr-khan"))).getJWTClaimsSet();
        List<Object> roles = staff.getListClaim("nhsid_nrbac_roles");
        String selected = staff.getStringClaim("selected_roleid");

        assertThat(patient.getHeader().getAlgorithm().getName()).isEqualTo("RS512");
        assertThat(patient.getJWTClaimsSet().getAudience())
            .containsExactly(LocalAuthorizationServerConfiguration.APP_CLIENT_ID);
        assertThat(patient.getJWTClaimsSet().getStringClaim("vot")).isEqualTo("P9.Cp.Cd");
        assertThat(roles).hasSize(2)
            .allSatisfy(role -> assertThat(map(role)).containsKey("activity_codes")
                .extractingByKey("role_code")
                .asString()
                .matches("S\\d{4}:G\\d{4}:R\\d{4}"));
        assertThat(roles).filteredOn(role -> map(role).get("person_roleid").equals(selected))
            .singleElement()
            .satisfies(role -> assertThat(map(role)).containsEntry("org_code", "R1H"));
    }

    @Test
    void theP5DemoPatientCarriesItsProofingLevel() throws Exception {
        String token = clientCredentialsToken(identity("jo"));

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("identity_proofing_level")).isEqualTo("P5");
        givenNameOf(token).isEqualTo("Jo");
    }

    @Test
    void demoStaffAndTheIntegrationClientReachTheirOperations() throws Exception {
        String staff = clientCredentialsToken(identity("dr-khan"));
        String feed = clientCredentialsToken(identity("screening-feed"));

        Response record = as(staff).document("{ patient(nhsNumber: \"9434765927\") { familyName } }").execute();
        Response registration = as(feed).documentName("integration/RegisterPatients")
            .variables(Contract.variables("integration/RegisterPatients"))
            .execute();

        record.path("patient.familyName").entity(String.class).isEqualTo("Shah");
        registration.path("registerPatients.errors").entityList(Object.class).hasSize(0);
    }

    @Test
    void anIdentityGetsTokensOnlyFromItsOwnIssuerAndWithItsOwnSecret() throws Exception {
        HttpResponse<String> crossIssuer = tokenRequest("/staff", "alex", "demo-alex", "grant_type=client_credentials");
        HttpResponse<String> wrongSecret = tokenRequest("/patient", "alex", "demo", "grant_type=client_credentials");

        assertThat(crossIssuer.statusCode()).isEqualTo(400);
        assertThat(crossIssuer.body()).doesNotContain("access_token");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserSignsInWithTheAuthorizationCodeFlowAndPkce() throws Exception {
        String verifier = "a-code-verifier-of-enough-length-0123456789-abcdefghij";
        String challenge = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:3000/callback";
        String authorize = BASE + "/patient/oauth2/authorize?response_type=code&client_id="
                + LocalAuthorizationServerConfiguration.APP_CLIENT_ID + "&redirect_uri=" + encode(redirect)
                + "&scope=openid&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256";

        HttpResponse<String> toLogin = get(authorize);
        assertThat(toLogin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        String loginPage = get(BASE + "/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\".*?value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> signedIn = post(BASE + "/login", "username=alex&password=demo&_csrf=" + csrf.group(1));
        String back = signedIn.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> toApp = get(back.startsWith("http") ? back : BASE + back);
        String location = toApp.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=");
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> tokens = post(BASE + "/patient/oauth2/token",
                "grant_type=authorization_code&client_id=" + LocalAuthorizationServerConfiguration.APP_CLIENT_ID
                        + "&code=" + code + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + verifier);
        String accessToken = JSON.readTree(tokens.body()).get("access_token").asString();

        givenNameOf(accessToken).isEqualTo("Alex");
    }

    @Test
    void demoDataIsSeededOnTheFirstStartOnly() {
        long patients = mongo.getCollection("patients").countDocuments();

        assertThat(demoData.seedOnce()).isFalse();
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(patients);
        assertThat(mongo.getCollection(DemoData.MARKER_COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void graphiqlIsServedAndTheBannerHasATokenCommandForEveryIdentity() throws Exception {
        HttpResponse<String> page = get(BASE + "/graphiql");
        if (page.statusCode() / 100 == 3) {
            String location = page.headers().firstValue("Location").orElseThrow();
            page = get(location.startsWith("http") ? location : BASE + location);
        }
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("graphiql");
        String banner = LocalBanner.text(BASE);
        assertThat(banner).contains(BASE + "/graphql", BASE + "/graphiql");
        DemoIdentity.ALL.forEach(i -> assertThat(banner).contains(LocalBanner.tokenCommand(BASE, i)));
    }

    @Test
    void theBannersTokenCommandWorksInAShell() throws Exception {
        String command = LocalBanner.tokenCommand(BASE, identity("priya")) + " && printf %s \"$TOKEN\"";
        Process shell = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String token = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        shell.waitFor();

        givenNameOf(token).isEqualTo("Priya");
    }

    @Test
    void theAuthorizationServerRefusesToRunOutsideTheLocalProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");

        assertThatThrownBy(() -> new LocalAuthorizationServerConfiguration(production))
            .hasMessageContaining("only in the 'local' profile");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static DemoIdentity identity(String id) {
        return DemoIdentity.ALL.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private static String clientCredentialsToken(DemoIdentity identity) throws Exception {
        String form = "grant_type=client_credentials"
                + (identity.scopes().isEmpty() ? "" : "&scope=" + encode(String.join(" ", identity.scopes())));
        HttpResponse<String> response = tokenRequest(identity.issuerPath(), identity.id(), identity.clientSecret(),
                form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.get("access_token").asString();
    }

    private static HttpResponse<String> tokenRequest(String issuerPath, String client, String secret, String form)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + issuerPath + "/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    private GraphQlTester.Entity<String, ?> givenNameOf(String token) {
        return as(token).document("{ me { givenName } }").execute().path("me.givenName").entity(String.class);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
