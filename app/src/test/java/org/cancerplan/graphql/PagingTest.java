package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.errorsOf;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.audit.AuditEvent;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.security.CallerKind;
import org.cancerplan.plan.PlanApi;
import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.Leads;
import org.cancerplan.support.MongoCommands;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every connection of the schema, paged to its end through the API at several page sizes,
 * with items that tie on the sort where the list allows it (invitations issued on one
 * day, access-log entries of one millisecond); and cursors that are refused as
 * {@code after} when they come from another list or were altered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingTest extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    private static final String ADMIN = IdentityProviders.staffToken("Paging Admin", "Y01234", "R8013");

    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write");

    private static final int ITEMS = 5;

    private static final JsonMapper JSON = JsonMapper.shared();

    /**
     * The connection fields of the schema, as {@code Type.field}; each has a list below.
     */
    private static final Set<String> CONNECTIONS = Set.of("NeighbourhoodLead.caseload", "Query.neighbourhoodLeads",
            "Patient.screeningInvitations", "Patient.accessLog", "NeighbourhoodLead.tasks", "Query.organisationTasks",
            "Patient.followUpRequests", "Patient.messages");

    private final String organisation = "P" + ThreadLocalRandom.current().nextInt(10_000, 99_999);

    private final String careTeam = IdentityProviders.staffToken("Dr Paging", organisation, "R8000");

    private final Map<String, Listing> lists = new LinkedHashMap<>();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    MongoCommands commands;

    /**
     * A connection as a client reads it.
     *
     * @param path where the connection is in the response's data
     * @param identity where, in an edge, the item's identity is
     * @param expected the list's items in its order, by identity
     */
    private record Listing(String name, String token, String query, Map<String, Object> variables, String path,
            String identity, List<String> expected) {

        Response page(HttpGraphQlTester graphql, Integer first, String after) {
            Map<String, Object> arguments = new HashMap<>(variables);
            arguments.put("first", first);
            if (after != null) {
                arguments.put("after", after);
            }
            return GraphQlTesters.as(graphql, token).document(query).variables(arguments).execute();
        }

        List<String> items(Response page) {
            return page.path(path + ".edges[*]." + identity).entityList(String.class).get();
        }

        String endCursor(Response page) {
            return page.path(path + ".pageInfo.endCursor").entity(String.class).get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void everyListWithSeveralItems() {
        graphql = GraphQlTesters.http(port); // before the first test, as the testers of
                                             // each test are made
        Stream
            .of(caseload(), directory(), invitations(), accessLog(), leadTasks(), organisationTasks(),
                    followUpRequests(), messages())
            .forEach(list -> lists.put(list.name(), list));
    }

    Stream<Arguments> listsAndPageSizes() {
        return lists.values().stream().flatMap(list -> Stream.of(1, 2, 100).map(size -> Arguments.of(list, size)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("listsAndPageSizes")
    void pagingShowsEveryItemExactlyOnceAndEnds(Listing list, int size) {
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        for (int pages = 0; more && pages <= ITEMS * 2; pages++) {
            Response page = list.page(graphql, size, after);
            page.errors().verify();
            assertThat(list.items(page)).hasSizeLessThanOrEqualTo(size);
            seen.addAll(list.items(page));
            more = page.path(list.path() + ".pageInfo.hasNextPage").entity(Boolean.class).get();
            after = list.endCursor(page);
        }

        assertThat(more).as("hasNextPage at the end").isFalse();
        assertThat(seen).containsExactlyElementsOf(list.expected());
    }

    /**
     * On MongoDB an index serves a page's sort only if its keys, after those the query
     * pins to one value, are the sort's in the same directions or all reversed; otherwise
     * every page is sorted in memory. The embedded store plans no queries, so each paged
     * find the service sends is checked against the indexes it ensured.
     */
    @Test
    void everyPagedFindIsSortedByAnIndex() {
        commands.keepCommands();
        for (Listing list : lists.values()) {
            String after = list.endCursor(list.page(graphql, 2, null));
            list.page(graphql, 2, after).errors().verify();
        }
        List<BsonDocument> sortedFinds = commands.stopKeeping()
            .stream()
            .filter(command -> command.getFirstKey().equals("find") && command.containsKey("sort"))
            .toList();

        assertThat(sortedFinds).extracting(find -> find.getString("find").getValue())
            .contains("auditEvents", "screeningInvitations", "neighbourhoodLeads", "tasks");
        for (BsonDocument find : sortedFinds) {
            String collection = find.getString("find").getValue();
            List<Document> indexes = mongo.getCollection(collection).listIndexes().into(new ArrayList<>());
            assertThat(indexes)
                .as(collection + " sorted by " + find.getDocument("sort").toJson() + " where "
                        + find.getDocument("filter").toJson())
                .anyMatch(index -> servesSort(index.get("key", Document.class), pinned(find.getDocument("filter")),
                        find.getDocument("sort")));
        }
    }

    /** The fields a filter pins to one value. */
    private static Set<String> pinned(BsonDocument filter) {
        Set<String> pinned = new TreeSet<>();
        filter.forEach((field, value) -> {
            if (!field.startsWith("$") && (!value.isDocument() || value.asDocument().containsKey("$eq"))) {
                pinned.add(field);
            }
        });
        return pinned;
    }

    private static boolean servesSort(Document index, Set<String> pinned, BsonDocument sort) {
        List<String> keys = new ArrayList<>(index.keySet());
        int first = 0;
        while (first < keys.size() && pinned.contains(keys.get(first)) && !sort.containsKey(keys.get(first))) {
            first++;
        }
        List<String> sortFields = new ArrayList<>(sort.keySet());
        if (keys.size() - first < sortFields.size()) {
            return false;
        }
        Set<Integer> relativeDirections = new TreeSet<>();
        for (int i = 0; i < sortFields.size(); i++) {
            String field = sortFields.get(i);
            if (!keys.get(first + i).equals(field) || !(index.get(field) instanceof Number direction)) {
                return false;
            }
            relativeDirections
                .add(Integer.signum(direction.intValue()) * Integer.signum(sort.getNumber(field).intValue()));
        }
        return relativeDirections.size() == 1;
    }

    @Test
    void everyConnectionOfTheSchemaIsPagedHere() {
        Set<String> paged = new TreeSet<>();
        graphQlSource.schema()
            .getAllTypesAsList()
            .stream()
            .filter(GraphQLObjectType.class::isInstance)
            .map(GraphQLObjectType.class::cast)
            .forEach(type -> type.getFieldDefinitions()
                .stream()
                .filter(field -> field.getArgument("after") != null)
                .map(GraphQLFieldDefinition::getName)
                .forEach(field -> paged.add(type.getName() + "." + field)));

        assertThat(paged).isEqualTo(new TreeSet<>(CONNECTIONS));
        assertThat(lists).hasSameSizeAs(CONNECTIONS);
    }

    /**
     * Each edge's cursor, as a client reads it, is where the page after that edge starts.
     */
    @Test
    void eachEdgesCursorStartsThePageAfterItsItem() {
        for (Listing list : lists.values()) {
            String query = list.query()
                .replace("edges { node", "edges { cursor node")
                .replace("pageInfo { hasNextPage endCursor }", "pageInfo { hasNextPage startCursor endCursor }");
            assertThat(query).as(list.name()).contains("edges { cursor node", "startCursor");
            Listing withCursors = new Listing(list.name(), list.token(), query, list.variables(), list.path(),
                    list.identity(), list.expected());
            Response page = withCursors.page(graphql, 3, null);
            List<String> cursors = page.path(list.path() + ".edges[*].cursor").entityList(String.class).get();

            assertThat(cursors).as(list.name()).hasSize(3).doesNotHaveDuplicates();
            page.path(list.path() + ".pageInfo.startCursor").entity(String.class).isEqualTo(cursors.get(0));
            assertThat(list.endCursor(page)).isEqualTo(cursors.get(2));
            for (int i = 0; i < cursors.size(); i++) {
                assertThat(list.items(list.page(graphql, 1, cursors.get(i)))).as(list.name() + " after edge " + i)
                    .containsExactly(list.expected().get(i + 1));
            }
        }
    }

    @Test
    void cursorsAreOpaqueAndNameNoJavaTypes() {
        for (Listing list : lists.values()) {
            String cursor = list.endCursor(list.page(graphql, 1, null));

            assertThat(cursor).as(list.name()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            assertThat(payload(cursor)).as(list.name()).doesNotContain("java", "org.", "springframework");
        }
    }

    @Test
    void aCursorOfAnotherListIsRefusedAsAfter() {
        Map<String, String> cursors = new LinkedHashMap<>();
        lists.values().forEach(list -> cursors.put(list.name(), list.endCursor(list.page(graphql, 1, null))));

        for (Listing list : lists.values()) {
            list.page(graphql, 1, cursors.get(list.name())).errors().verify();
            cursors.forEach((from, cursor) -> {
                if (!from.equals(list.name())) {
                    assertRefusedAsAfter(list, cursor, "a cursor of " + from);
                }
            });
        }
    }

    @Test
    void anAlteredTruncatedOrMadeUpCursorIsRefusedAsAfter() {
        for (Listing list : lists.values()) {
            String cursor = list.endCursor(list.page(graphql, 1, null));
            String payload = payload(cursor);
            String checksum = cursor.substring(cursor.indexOf('.') + 1);
            String otherId = "s:" + new ObjectId().toHexString();
            String edited = payload.replaceAll("s:[0-9a-f]{24}", otherId);

            assertThat(edited).isNotEqualTo(payload);
            assertRefusedAsAfter(list, encode(edited) + "." + checksum, "an edited cursor");
            assertRefusedAsAfter(list, cursor.substring(0, cursor.length() - 3), "a truncated cursor");
            assertRefusedAsAfter(list, cursor.substring(0, cursor.indexOf('.')), "a cursor without its checksum");
            assertRefusedAsAfter(list, "not-a-cursor!", "garbage");
            assertRefusedAsAfter(list, "", "an empty cursor");
            assertRefusedAsAfter(list, Base64.getEncoder()
                .encodeToString("K_[\"java.util.Collections$UnmodifiableMap\",{\"id\":\"6b0e89465aa9077d67be2b0b\"}]"
                    .getBytes(StandardCharsets.UTF_8)), "a cursor of Spring for GraphQL's own format");
            assertRefusedAsAfter(list, withChecksum("{\"list\":\"" + list.name() + "\",\"keys\":{\"other\":\"s:x\"}}"),
                    "a made-up cursor of this list with other keys");
            assertRefusedAsAfter(list, withChecksum("{\"list\":\"" + list.name() + "\",\"keys\":{}}"),
                    "a made-up cursor of this list without keys");
        }
    }

    /**
     * Values no list's key holds: of another type than the key's, or out of the range a
     * stored value can have.
     */
    private static final List<String> FORGED_VALUES = List.of("s:zzz", "s:" + "a".repeat(23), "s:" + "g".repeat(24),
            "s:", "n:7", "b:true", "t:+1000000000-12-31T23:59:59Z", "t:-1000000000-01-01T00:00:00Z",
            "t:+10000-01-01T00:00:00Z", "t:0000-12-31T23:59:59Z", "d:+999999999-12-31", "d:-999999999-01-01",
            "d:+10000-01-01", "d:0000-12-31");

    /**
     * Cursors with a correct checksum, as anyone can make, whose one key holds a value
     * the key never holds.
     */
    @Test
    void aChecksummedCursorWithAValueOfTheWrongTypeOrRangeIsRefusedAsAfter() {
        List<String> notRefused = new ArrayList<>();
        for (Listing list : lists.values()) {
            Map<String, String> keys = keysOf(list.endCursor(list.page(graphql, 1, null)));
            assertThat(keys).as(list.name()).isNotEmpty();
            keys.keySet().forEach(key -> FORGED_VALUES.forEach(value -> {
                Map<String, String> forged = new LinkedHashMap<>(keys);
                forged.put(key, value);
                Response response = list.page(graphql, 1,
                        withChecksum(JSON.writeValueAsString(Map.of("list", list.name(), "keys", forged))));
                List<ResponseError> errors = errorsOf(response);
                Map<String, Object> first = errors.isEmpty() ? Map.of() : errors.get(0).getExtensions();
                if (!"BAD_USER_INPUT".equals(first.get("code")) || !"after".equals(first.get("argument"))
                        || response.returnResponse().field(list.path() + ".edges").getValue() != null) {
                    notRefused.add(list.name() + " " + key + " = " + value + ": "
                            + (errors.isEmpty() ? "a page" : first.get("code")));
                }
            }));
        }

        assertThat(notRefused).isEmpty();
    }

    /**
     * The first and the last instant and day a key may hold are answered: all of a
     * newest-first list, or none.
     */
    @Test
    void aCursorAtTheEdgesOfTheRangeIsAnswered() {
        String id = new ObjectId().toHexString();
        Map<String, Map<String, String>> earliest = Map.of("accessLog",
                Map.of("at", "t:0001-01-01T00:00:00Z", "id", "s:" + id), "screeningInvitations",
                Map.of("invitedOn", "d:0001-01-01", "id", "s:" + id));
        Map<String, Map<String, String>> latest = Map.of("accessLog",
                Map.of("at", "t:9999-12-31T23:59:59.999Z", "id", "s:" + id), "screeningInvitations",
                Map.of("invitedOn", "d:9999-12-31", "id", "s:" + id));
        earliest.forEach((name, keys) -> {
            Listing list = lists.get(name);
            Response oldest = list.page(graphql, 100,
                    withChecksum(JSON.writeValueAsString(Map.of("list", name, "keys", keys))));
            Response newest = list.page(graphql, 100,
                    withChecksum(JSON.writeValueAsString(Map.of("list", name, "keys", latest.get(name)))));

            oldest.errors().verify();
            assertThat(list.items(oldest)).as(name + " after the first day").isEmpty();
            newest.errors().verify();
            assertThat(list.items(newest)).as(name + " after the last day").isEqualTo(list.expected());
        });
    }

    private void assertRefusedAsAfter(Listing list, String cursor, String what) {
        Response response = list.page(graphql, 1, cursor);

        ResponseError error = firstError(response);
        assertThat(error.getExtensions()).as(what + " sent to " + list.name() + ": " + json(response))
            .containsEntry("classification", "BAD_REQUEST")
            .containsEntry("code", "BAD_USER_INPUT")
            .containsEntry("argument", "after");
        assertThat(error.getMessage()).as(what).contains("after");
        assertThat(response.returnResponse().field(list.path() + ".edges").<Object>getValue()).as(what + ": no page")
            .isNull();
    }

    private Listing caseload() {
        String leadId = registerLead("Paging Lead", "Paging caseload " + UUID.randomUUID());
        List<String> plans = new ArrayList<>();
        for (String nhsNumber : registerPatients(ITEMS)) {
            Map<String, Object> input = contractInput("staff/CreatePlan");
            input.put("nhsNumber", nhsNumber);
            input.remove("clientMutationId");
            String planId = as(careTeam).documentName("staff/CreatePlan")
                .variable("input", input)
                .execute()
                .path("createCancerPlan.plan.id")
                .entity(String.class)
                .get();
            Map<String, Object> assignment = contractInput("staff/AssignLead");
            assignment.putAll(Map.of("planId", planId, "expectedVersion", 1, "leadId", leadId));
            as(careTeam).documentName("staff/AssignLead")
                .variable("input", assignment)
                .execute()
                .path("assignNeighbourhoodLead.errors")
                .entityList(Object.class)
                .hasSize(0);
            plans.add(planId);
        }
        return new Listing("caseload", ADMIN, Contract.operation("staff/LeadCaseload"), Map.of("leadId", leadId),
                "neighbourhoodLead.caseload", "node.id", plans.stream().sorted().toList());
    }

    private Listing directory() {
        String neighbourhood = "Paging directory " + UUID.randomUUID();
        List<String> leads = IntStream.range(0, ITEMS)
            .mapToObj(i -> registerLead("Paging Lead " + i, neighbourhood))
            .sorted()
            .toList();
        return new Listing("neighbourhoodLeads", careTeam,
                "query($n: String, $first: Int, $after: String) { "
                        + "neighbourhoodLeads(neighbourhood: $n, first: $first, after: $after) { edges { node { id } } "
                        + "pageInfo { hasNextPage endCursor } } }",
                Map.of("n", neighbourhood), "neighbourhoodLeads", "node.id", leads);
    }

    /**
     * One batch, so the invitations are written together; three share a day, the sort's
     * first key.
     */
    private Listing invitations() {
        String nhsNumber = registerPatients(1).get(0);
        List<LocalDate> days = List.of(TODAY.minusDays(5), TODAY.minusDays(10), TODAY.minusDays(10),
                TODAY.minusDays(10), TODAY.minusDays(20));
        List<Map<String, Object>> items = days.stream()
            .map(day -> Map.<String, Object>of("externalId", "PAGING-" + UUID.randomUUID(), "nhsNumber", nhsNumber,
                    "programme", "BOWEL", "invitedOn", day.toString(), "respondBy", day.plusDays(60).toString()))
            .toList();
        as(FEED).documentName("integration/IssueInvitations")
            .variable("input", Map.of("invitations", items))
            .execute()
            .path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(ITEMS);
        Listing list = new Listing("screeningInvitations", IdentityProviders.patientToken(nhsNumber),
                "query($first: Int, $after: String) { me { screeningInvitations(first: $first, after: $after) { "
                        + "edges { node { externalId invitedOn } } pageInfo { hasNextPage endCursor } } } }",
                Map.of(), "me.screeningInvitations", "node.externalId", List.of());
        Response all = list.page(graphql, 100, null);
        List<String> newestFirst = all.path(list.path() + ".edges[*].node.invitedOn").entityList(String.class).get();
        assertThat(newestFirst).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(list.items(all))
            .containsExactlyInAnyOrderElementsOf(items.stream().map(item -> (String) item.get("externalId")).toList());
        return new Listing(list.name(), list.token(), list.query(), list.variables(), list.path(), list.identity(),
                list.items(all));
    }

    /**
     * Two staff reads through the API, then entries of one millisecond written straight
     * to the store (the service itself cannot be made to write two at once), newest first
     * and, within the millisecond, by id ascending.
     */
    private Listing accessLog() {
        String nhsNumber = registerPatients(1).get(0);
        for (String reader : List.of("Dr Paging A", "Dr Paging B")) {
            as(IdentityProviders.staffToken(reader, "R1H", "R8000"))
                .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }")
                .variable("n", nhsNumber)
                .execute()
                .errors()
                .verify();
        }
        Instant oneMillisecond = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEvent> sameMillisecond = IntStream.range(0, ITEMS)
            .mapToObj(i -> new AuditEvent(new ObjectId().toHexString(), oneMillisecond, CallerKind.STAFF,
                    "staff-paging-" + i, "Dr Paging " + i, "R1H", nhsNumber, "PATIENT_READ", AuditOutcome.ALLOWED,
                    "paging"))
            .toList();
        mongo.insertAll(sameMillisecond);
        List<String> expected = new ArrayList<>(sameMillisecond.stream()
            .sorted(Comparator.comparing(AuditEvent::id))
            .map(AuditEvent::actorName)
            .toList());
        expected.addAll(List.of("Dr Paging B", "Dr Paging A", "test-feed"));
        return new Listing("accessLog", IdentityProviders.patientToken(nhsNumber),
                Contract.operation("patient-app/MyAccessLog"), Map.of(), "me.accessLog", "node.actor.name", expected);
    }

    private static final List<String> REASONS = List.of("QUESTION", "NEW_SYMPTOM", "WORRY", "NEW_SYMPTOM",
            "SIDE_EFFECT");

    private Listing leadTasks() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(3));
        List<String> tasks = followUpRequestsOf(patient);
        sameMillisecond(tasks.subList(1, 4));
        return new Listing("leadTasks", AfterTreatment.leadToken(leadName),
                "query($leadId: ID!, $first: Int, $after: String) { neighbourhoodLead(id: $leadId) { "
                        + "tasks(first: $first, after: $after) { edges { node { id } } "
                        + "pageInfo { hasNextPage endCursor } } } }",
                Map.of("leadId", leadId), "neighbourhoodLead.tasks", "node.id", mostUrgentFirst(tasks));
    }

    private Listing organisationTasks() {
        AfterTreatment patient = new AfterTreatment(graphql);
        patient.issueSummary(TODAY.plusMonths(3));
        List<String> tasks = new ArrayList<>(followUpRequestsOf(patient));
        tasks.add(
                mongo
                    .findOne(Query.query(Criteria.where("planId").is(patient.planId).and("kind").is("ASSIGN_LEAD")),
                            Document.class, "tasks")
                    .getObjectId("_id")
                    .toHexString());
        sameMillisecond(tasks.subList(2, 5));
        return new Listing("organisationTasks", patient.plans.staff,
                "query($first: Int, $after: String) { organisationTasks(first: $first, after: $after) { "
                        + "edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                Map.of(), "organisationTasks", "node.id", mostUrgentFirst(tasks));
    }

    private Listing followUpRequests() {
        AfterTreatment patient = new AfterTreatment(graphql);
        patient.issueSummary(TODAY.plusMonths(3));
        List<String> requests = followUpRequestsOf(patient);
        sameMillisecond(requests.subList(0, 3));
        List<Document> stored = tasksById(requests);
        List<String> newestFirst = stored.stream()
            .sorted(Comparator.comparing((Document task) -> task.getDate("createdAt"))
                .reversed()
                .thenComparing(task -> task.getObjectId("_id")))
            .map(task -> task.getObjectId("_id").toHexString())
            .toList();
        return new Listing("followUpRequests", patient.patient,
                "query($first: Int, $after: String) { me { followUpRequests(first: $first, after: $after) { "
                        + "edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                Map.of(), "me.followUpRequests", "node.id", newestFirst);
    }

    /**
     * A patient's inbox: three messages of one instant, two older, newest first then by
     * id.
     */
    private Listing messages() {
        String nhsNumber = new PlanApi(graphql).registerPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = i < 3 ? now : now.minusSeconds(60L * i);
            stored
                .add(new Document("_id", new ObjectId()).append("patientNhsNumber", nhsNumber)
                    .append("about", new Document("kind", "INVITATION").append("id", new ObjectId().toHexString()))
                    .append("clinical", false)
                    .append("parts", List.of(new Document("key", "paging:" + i).append("kind", "INVITATION_ISSUED")
                        .append("at", at)
                        .append("fields", new Document("programme", "BREAST").append("respondBy", "2027-01-31"))))
                    .append("createdAt", at));
        }
        mongo.insert(stored, "messages");
        List<String> newestFirst = stored.stream()
            .sorted(Comparator.comparing((Document message) -> message.get("createdAt", Instant.class))
                .reversed()
                .thenComparing(message -> message.getObjectId("_id")))
            .map(message -> message.getObjectId("_id").toHexString())
            .toList();
        return new Listing("messages", IdentityProviders.patientToken(nhsNumber),
                "query($first: Int, $after: String) { me { messages(first: $first, after: $after) { "
                        + "edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                Map.of(), "me.messages", "node.id", newestFirst);
    }

    private static List<String> followUpRequestsOf(AfterTreatment patient) {
        return REASONS.stream()
            .map(reason -> patient.requestFollowUp(patient.patient, reason, null)
                .path("requestFollowUp.request.id")
                .entity(String.class)
                .get())
            .toList();
    }

    /** Gives the tasks one creation instant, so that only their ids order them. */
    private void sameMillisecond(List<String> taskIds) {
        mongo.updateMulti(Query.query(Criteria.where("_id").in(taskIds.stream().map(ObjectId::new).toList())),
                Update.update("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS)), "tasks");
    }

    private List<Document> tasksById(List<String> taskIds) {
        return mongo.find(Query.query(Criteria.where("_id").in(taskIds.stream().map(ObjectId::new).toList())),
                Document.class, "tasks");
    }

    /** The tasks as stored, by priority's rank, then creation, then id. */
    private List<String> mostUrgentFirst(List<String> taskIds) {
        return tasksById(taskIds).stream()
            .sorted(Comparator.comparing((Document task) -> task.getInteger("rank"))
                .thenComparing(task -> task.getDate("createdAt"))
                .thenComparing(task -> task.getObjectId("_id")))
            .map(task -> task.getObjectId("_id").toHexString())
            .toList();
    }

    private List<String> registerPatients(int count) {
        List<Map<String, Object>> records = IntStream.range(0, count)
            .mapToObj(i -> Map.<String, Object>of("nhsNumber", TestNhsNumbers.next(), "givenName", "Paging",
                    "familyName", "Patient" + i, "dateOfBirth", "1970-06-01"))
            .toList();
        as(FEED).documentName("integration/RegisterPatients")
            .variable("input", Map.of("patients", records))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(count);
        return records.stream().map(record -> (String) record.get("nhsNumber")).toList();
    }

    private String registerLead(String name, String neighbourhood) {
        return Leads.register(as(ADMIN), Map.of("name", name, "neighbourhood", neighbourhood, "caseloadLimit", 50));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contractInput(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }

    /** The cursor's keyset values, tagged as they are written. */
    private static Map<String, String> keysOf(String cursor) {
        Map<String, String> keys = new LinkedHashMap<>();
        JSON.readTree(payload(cursor))
            .path("keys")
            .properties()
            .forEach(key -> keys.put(key.getKey(), key.getValue().asString()));
        return keys;
    }

    /** The cursor's readable part, as someone curious would decode it. */
    private static String payload(String cursor) {
        int dot = cursor.indexOf('.');
        return new String(Base64.getUrlDecoder().decode(dot < 0 ? cursor : cursor.substring(0, dot)),
                StandardCharsets.UTF_8);
    }

    private static String encode(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cursor with a correct checksum, as anyone who read the service's source could
     * make one.
     */
    private static String withChecksum(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return encode(payload) + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
