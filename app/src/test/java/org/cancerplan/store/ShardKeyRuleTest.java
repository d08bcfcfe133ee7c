package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.MongoCommands;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

/**
 * The service can run on a cluster sharded as {@code ops/mongodb/SHARDING.md} says: while
 * every contract operation runs (and the FHIR export), each command on a sharded
 * collection is checked at the driver. Writes of one document and reads of one patient's
 * data must name the shard key (so the cluster sends them to one shard and accepts the
 * single-document writes); the only commands allowed without it are the ones listed in
 * {@link #BROADCAST}, each across patients by nature.
 */
class ShardKeyRuleTest extends ApiTest {

    /**
     * The sharded collections and their shard key's first field (hashed), as in
     * ops/mongodb/shard.js.
     */
    static final Map<String, String> SHARD_KEYS = Map.of("patients", "nhsNumber", "cancerPlans", "patientNhsNumber",
            "screeningInvitations", "patientNhsNumber", "auditEvents", "patientNhsNumber", "screeningOptOuts", "_id",
            "pendingReferrals", "_id");

    /**
     * Commands sent to every shard, as "collection command filter-fields", each
     * documented in SHARDING.md.
     */
    static final Set<String> BROADCAST = Set.of(
            // staff name a plan by its id (UpdatePlan, RecordPathwayEvent, AssignLead);
            // the write then names the key
            "cancerPlans find _id",
            // the screening system names invitations by its own id (RecordResult; a
            // batch's check for re-sent ids)
            "screeningInvitations find externalId",
            // a lead's caseload spans patients
            "cancerPlans aggregate neighbourhoodLead.leadId,status",
            // reports across patients: waiting times, screening uptake
            "cancerPlans find $or", "screeningInvitations aggregate invitedOn,programme",
            // the personalised care report, for one organisation or all
            "cancerPlans aggregate careOrganisations", "cancerPlans aggregate careOrganisations.0");

    private static final String ADMIN = IdentityProviders.staffToken("Shard Admin", "Y01234", "R8013");

    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write",
            "results:write", "reports:read");

    @Autowired
    MongoCommands commands;

    @Autowired
    MongoTemplate mongo;

    private final String careTeam = IdentityProviders.staffToken("Dr Shard", "R1H", "R8000");

    @Test
    void everyContractOperationNamesTheShardKeyOrIsAKnownBroadcast() {
        commands.keepCommands();
        everyContractOperation();
        List<Sent> sent = commands.stopKeeping().stream().map(Sent::of).filter(s -> s.collection() != null).toList();

        List<String> violations = new ArrayList<>();
        for (Sent command : sent) {
            String key = SHARD_KEYS.get(command.collection());
            if (key != null) {
                violations.addAll(check(command, key));
            }
        }
        assertThat(sent).extracting(Sent::collection)
            .contains("patients", "cancerPlans", "screeningInvitations", "auditEvents", "screeningOptOuts",
                    "pendingReferrals");
        assertThat(violations).isEmpty();
    }

    @Test
    void theShardingScriptHasEveryIndexOfTheServiceAndTheShardKeys() throws Exception {
        String script = Files.readString(Path.of("..", "ops", "mongodb", "shard.js"));

        for (String collection : mongo.getCollectionNames()) {
            if (collection.equals("localDemoData")) {
                continue;
            }
            assertThat(script).as("collection " + collection).contains(collection + ": {");
            for (IndexInfo index : mongo.indexOps(collection).getIndexInfo()) {
                if (!index.getName().equals("_id_")) {
                    assertThat(script).as(collection + " index " + index.getName())
                        .contains("name: \"" + index.getName() + "\"" + (index.isUnique() ? ", unique: true" : ""));
                }
            }
        }
        SHARD_KEYS.forEach((collection, key) -> assertThat(script).as("shard key of " + collection)
            .containsPattern(collection + ": \\{\\s*(//[^\\n]*\\s*)*key: \\{ " + key + ": \"hashed\""));
    }

    private void everyContractOperation() {
        String nhsNumber = register();
        String patient = IdentityProviders.patientToken(nhsNumber);
        String planId = as(careTeam).documentName("staff/CreatePlan")
            .variables(input("staff/CreatePlan", Map.of("nhsNumber", nhsNumber, "clientMutationId", uuid())))
            .execute()
            .errors()
            .verify()
            .path("createCancerPlan.plan.id")
            .entity(String.class)
            .get();
        as(careTeam).documentName("staff/UpdatePlan")
            .variables(input("staff/UpdatePlan", Map.of("planId", planId)))
            .executeAndVerify();
        as(careTeam).documentName("staff/RecordPathwayEvent")
            .variables(input("staff/RecordPathwayEvent", Map.of("planId", planId, "expectedVersion", 2)))
            .executeAndVerify();
        String leadId = as(ADMIN).documentName("staff/RegisterLead")
            .variables(input("staff/RegisterLead", Map.of("staffId", "staff-" + uuid())))
            .execute()
            .errors()
            .verify()
            .path("registerNeighbourhoodLead.lead.id")
            .entity(String.class)
            .get();
        as(careTeam).documentName("staff/AssignLead")
            .variables(input("staff/AssignLead", Map.of("planId", planId, "expectedVersion", 3, "leadId", leadId)))
            .executeAndVerify();
        as(patient).documentName("patient-app/AcknowledgePlan")
            .variables(input("patient-app/AcknowledgePlan", Map.of("planId", planId, "expectedVersion", 4)))
            .executeAndVerify();
        as(patient).documentName("patient-app/MyMessages").variable("first", 20).executeAndVerify();

        LocalDate invitedOn = LocalDate.now().minusDays(5);
        String bowel = "SHARD-" + uuid();
        String breast = "SHARD-" + uuid();
        as(FEED).documentName("integration/IssueInvitations")
            .variable("input",
                    Map.of("invitations",
                            List.of(invitation(bowel, nhsNumber, "BOWEL", invitedOn),
                                    invitation(breast, nhsNumber, "BREAST", invitedOn))))
            .executeAndVerify();
        List<Invitation> invitations = as(patient).documentName("patient-app/MyCare")
            .execute()
            .errors()
            .verify()
            .path("me.screeningInvitations.edges[*].node")
            .entityList(Invitation.class)
            .get();
        for (Invitation invitation : invitations) {
            boolean isBowel = invitation.programme().equals("BOWEL");
            Map<String, Object> respond = new HashMap<>(Map.of("invitationId", invitation.id(), "clientMutationId",
                    uuid(), "response", isBowel ? "OPT_OUT" : "BOOK"));
            respond.put("appointmentAt", isBowel ? null : LocalDate.now().plusDays(7) + "T10:00:00Z");
            as(patient).documentName("patient-app/RespondToInvitation")
                .variables(input("patient-app/RespondToInvitation", respond))
                .executeAndVerify();
        }
        as(FEED).documentName("integration/RecordResult")
            .variables(input("integration/RecordResult",
                    Map.of("externalId", breast, "recordedOn", LocalDate.now().toString())))
            .execute();

        // an abnormal result before any plan leaves a referral waiting for the patient's
        // first plan
        String referred = register();
        String referral = "SHARD-" + uuid();
        as(FEED).documentName("integration/IssueInvitations")
            .variable("input", Map.of("invitations", List.of(invitation(referral, referred, "BOWEL", invitedOn))))
            .executeAndVerify();
        as(FEED).documentName("integration/RecordResult")
            .variables(input("integration/RecordResult",
                    Map.of("externalId", referral, "outcome", "ABNORMAL", "recordedOn", LocalDate.now().toString())))
            .executeAndVerify();
        as(careTeam).documentName("staff/CreatePlan")
            .variables(input("staff/CreatePlan", Map.of("nhsNumber", referred, "clientMutationId", uuid())))
            .executeAndVerify();

        afterTreatment(patient, nhsNumber, planId, leadId);

        as(careTeam).documentName("staff/PatientRecord").variable("nhsNumber", nhsNumber).executeAndVerify();
        as(ADMIN).documentName("staff/LeadCaseload")
            .variable("leadId", leadId)
            .variable("first", 50)
            .executeAndVerify();
        as(patient).documentName("patient-app/MyAccessLog")
            .variables(Contract.variables("patient-app/MyAccessLog"))
            .executeAndVerify();
        as(ADMIN).documentName("staff/WaitingTimes")
            .variables(Contract.variables("staff/WaitingTimes"))
            .executeAndVerify();
        as(ADMIN).documentName("staff/ScreeningUptake")
            .variables(Contract.variables("staff/ScreeningUptake"))
            .executeAndVerify();
        as(IdentityProviders.integrationToken("fhir:read"))
            .document("query($n: NhsNumber!) { patientFhirBundle(nhsNumber: $n) }")
            .variable("n", nhsNumber)
            .executeAndVerify();
    }

    /**
     * The operations of care after treatment: a summary, a follow-up request and what is
     * done with it, assessments asked and answered, the worklist and the report.
     */
    private void afterTreatment(String patient, String nhsNumber, String planId, String leadId) {
        long version = as(careTeam)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { version } } }")
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan.version")
            .entity(Long.class)
            .get();
        as(careTeam).documentName("staff/IssueTreatmentSummary")
            .variables(input("staff/IssueTreatmentSummary",
                    Map.of("planId", planId, "expectedVersion", version, "clientMutationId", uuid())))
            .executeAndVerify();
        String taskId = as(patient).documentName("patient-app/RequestFollowUp")
            .variables(input("patient-app/RequestFollowUp", Map.of("planId", planId, "clientMutationId", uuid())))
            .execute()
            .errors()
            .verify()
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
        as(careTeam).documentName("staff/RequestAssessment")
            .variables(input("staff/RequestAssessment",
                    Map.of("planId", planId, "questionnaireId", "quality-of-life", "dueBy",
                            LocalDate.now().plusDays(10).toString(), "clientMutationId", uuid())))
            .executeAndVerify();
        String assessmentId = as(patient).documentName("patient-app/MyFollowUp")
            .execute()
            .errors()
            .verify()
            .path("me.assessmentsDue[?(@.questionnaire.id == 'holistic-needs')].id")
            .entityList(String.class)
            .get()
            .get(0);
        as(patient).documentName("patient-app/SubmitAssessment")
            .variables(input("patient-app/SubmitAssessment",
                    Map.of("assessmentId", assessmentId, "clientMutationId", uuid())))
            .executeAndVerify();
        as(ADMIN).documentName("staff/LeadWorklist").variable("leadId", leadId).executeAndVerify();
        as(careTeam).documentName("staff/UpdateTask")
            .variables(input("staff/UpdateTask",
                    Map.of("taskId", taskId, "expectedVersion", 1, "clientMutationId", uuid())))
            .executeAndVerify();
        as(ADMIN)
            .document("query($from: Date!, $to: Date!) { personalisedCare(from: $from, to: $to) { organisation "
                    + "hnaCompleted followUpRequests } }")
            .variable("from", LocalDate.now().minusDays(30).toString())
            .variable("to", LocalDate.now().toString())
            .executeAndVerify();
    }

    /**
     * What is wrong with one command on a sharded collection (nothing when it names the
     * key or is a broadcast).
     */
    private static List<String> check(Sent sent, String key) {
        BsonDocument body = sent.body();
        List<String> wrong = new ArrayList<>();
        switch (sent.command()) {
            case "insert" -> body.getArray("documents").forEach(document -> {
                if (!document.asDocument().containsKey(key) && !sent.collection().equals("auditEvents")) {
                    wrong.add(sent.collection() + " insert without " + key);
                }
            });
            case "update" -> body.getArray("updates")
                .forEach(update -> wrong.addAll(untargeted(sent, update.asDocument().getDocument("q"), key)));
            case "delete" -> body.getArray("deletes")
                .forEach(delete -> wrong.addAll(untargeted(sent, delete.asDocument().getDocument("q"), key)));
            case "findAndModify" -> wrong.addAll(untargeted(sent, body.getDocument("query", new BsonDocument()), key));
            case "find" -> wrong.addAll(untargeted(sent, body.getDocument("filter", new BsonDocument()), key));
            case "count", "distinct" ->
                wrong.addAll(untargeted(sent, body.getDocument("query", new BsonDocument()), key));
            case "aggregate" -> {
                BsonArray pipeline = body.getArray("pipeline");
                BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).asDocument();
                wrong.addAll(untargeted(sent, first.getDocument("$match", new BsonDocument()), key));
            }
            default -> {
            }
        }
        return wrong;
    }

    private static List<String> untargeted(Sent sent, BsonDocument filter, String key) {
        if (names(filter, key)) {
            return List.of();
        }
        String shape = sent.collection() + " " + sent.command() + " "
                + String.join(",", new TreeSet<>(filter.keySet()));
        return BROADCAST.contains(shape) ? List.of() : List.of(shape + "   e.g. " + filter.toJson());
    }

    /**
     * Whether the filter pins the key to one value or a list of values (alone or within
     * an $and).
     */
    private static boolean names(BsonDocument filter, String key) {
        BsonValue value = filter.get(key);
        if (value != null) {
            return !value.isDocument() || value.asDocument().containsKey("$eq")
                    || value.asDocument().containsKey("$in");
        }
        return filter.containsKey("$and") && filter.getArray("$and")
            .stream()
            .anyMatch(part -> part.isDocument() && names(part.asDocument(), key));
    }

    private String register() {
        String nhsNumber = TestNhsNumbers.next();
        as(FEED).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Shard", "familyName", "Key",
                                    "dateOfBirth", "1960-06-01"))))
            .executeAndVerify();
        return nhsNumber;
    }

    private static Map<String, Object> invitation(String externalId, String nhsNumber, String programme,
            LocalDate invitedOn) {
        return Map.of("externalId", externalId, "nhsNumber", nhsNumber, "programme", programme, "invitedOn",
                invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation, Map<String, Object> changes) {
        Map<String, Object> input = new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
        input.putAll(changes);
        input.values().removeIf(Objects::isNull);
        return Map.of("input", input);
    }

    /** A screening invitation as the patient's app lists it. */
    record Invitation(String id, String programme) {
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A command and the collection it names, if any. */
    record Sent(String command, String collection, BsonDocument body) {

        static Sent of(BsonDocument body) {
            String command = body.getFirstKey();
            BsonValue collection = body.get(command);
            return new Sent(command, collection.isString() ? collection.asString().getValue() : null, body);
        }
    }

}
