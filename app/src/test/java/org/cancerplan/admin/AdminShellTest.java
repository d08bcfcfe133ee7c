package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.lead.LeadInputs.AssignNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadService;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.DiagnosisInput;
import org.cancerplan.plan.PlanInputs.FollowUpInput;
import org.cancerplan.plan.PlanInputs.IssueTreatmentSummaryInput;
import org.cancerplan.plan.PlanInputs.ReaccessPointInput;
import org.cancerplan.plan.PlanInputs.SurveillanceTestInput;
import org.cancerplan.plan.PlanInputs.TreatmentSummaryInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanService;
import org.cancerplan.plan.PlanStatus;
import org.cancerplan.plan.TreatmentSummaries;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.England;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.support.ImdFixture;
import org.cancerplan.task.NewTask;
import org.cancerplan.task.Task;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.cancerplan.task.Tasks;
import org.cancerplan.support.TestNhsNumbers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * The admin shell's commands through its runner, as {@code ./ops/admin <command>} runs
 * them: output and exit status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "cancerplan.admin.interactive=false", "cancerplan.admin.operator=jsmith" })
@ActiveProfiles("admin")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminShellTest {

    private static final Path store = temporaryDirectory();

    @Autowired
    AdminRunner runner;

    @Autowired
    PatientService patients;

    @Autowired
    PlanService plans;

    @Autowired
    TreatmentSummaries summaries;

    @Autowired
    LeadService leads;

    @Autowired
    Tasks tasks;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    InvitationImport invitationImport;

    @Autowired
    Operator operator;

    private final String nhsNumber = TestNhsNumbers.next();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("cancerplan.store.path", store::toString);
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cancerplan-admin-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void patientWithAPlan() {
        patients.register(Caller.support("setup"), List.of(new PatientRegistration(nhsNumber, "Ada", "Admin",
                LocalDate.of(1955, 5, 5), "E8 1AB", "E01001711", "F84003")), null);
        plans.create(Caller.staff("dr", "Dr Setup", "R1H", "R8000", Set.of(StaffPrivilege.CLINICAL)),
                new CreateCancerPlanInput(NhsNumber.of(nhsNumber), new DiagnosisInput("C50.9", "II", null), null, null,
                        null));
    }

    @Test
    void patientShowPrintsTheRecordAndAuditsTheOperator() {
        Instant before = Instant.now();
        Run run = run("patient", "show", nhsNumber);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Ada Admin", "NHS " + nhsNumber, "DRAFT v1", "C50.9");
        List<Document> events = mongo.find(Query.query(Criteria.where("patientNhsNumber")
            .is(nhsNumber)
            .and("actorName")
            .is("operator:jsmith")
            .and("at")
            .gte(before)), Document.class, "auditEvents");
        assertThat(events).extracting(e -> e.getString("action"))
            .contains("PATIENT_READ", "PLAN_READ", "INVITATIONS_READ");
        assertThat(events).extracting(e -> e.getString("correlationId"))
            .allMatch(id -> id.startsWith("admin-"))
            .hasSameSizeAs(events)
            .containsOnly(events.get(0).getString("correlationId"));
    }

    @Test
    void badInputIsOneLineAndExitStatusTwoAndAnUnknownPatientIsThree() {
        Run badNumber = run("patient", "show", "1234567890");
        Run unknown = run("patient", "show", TestNhsNumbers.next());
        Run noCommand = run("patient", "shout", nhsNumber);
        Run missingOption = run("reference", "import-imd", "--edition", "2019");

        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).isEqualTo("Not a valid NHS number: the check digit does not match\n");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("No patient with NHS number");
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(missingOption.exitCode()).isEqualTo(2);
        for (Run run : List.of(badNumber, unknown, noCommand, missingOption)) {
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void planHistoryAndExportShowWhatIsHeld() {
        Run history = run("plan", "history", nhsNumber);
        Run export = run("patient", "export", nhsNumber, "--format", "json");
        Run fhir = run("patient", "export", nhsNumber, "--format", "fhir");
        Run xml = run("patient", "export", nhsNumber, "--format", "xml");
        Run unknown = run("patient", "export", TestNhsNumbers.next(), "--format", "fhir");

        assertThat(history.out()).contains("v1", "Dr Setup (R1H)", "Plan opened");
        JsonNode exported = JsonMapper.builder().build().readTree(export.out());
        assertThat(exported.at("/patient/nhsNumber").asString()).isEqualTo(nhsNumber);
        assertThat(exported.at("/plans/0/diagnosis/cancerType/code").asString()).isEqualTo("C50.9");
        assertThat(fhir.exitCode()).as(fhir.err()).isZero();
        Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached()
            .newJsonParser()
            .parseResource(Bundle.class, fhir.out());
        assertThat(bundle.getEntry()).extracting(entry -> entry.getResource().fhirType())
            .contains("Patient", "Condition", "CarePlan", "CareTeam");
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhsNumber);
        assertThat(xml.exitCode()).isEqualTo(2);
        assertThat(xml.err()).contains("use json or fhir");
        assertThat(unknown.exitCode()).isEqualTo(3);
    }

    @Test
    void planSummaryPrintsTheSummaryAndFollowUp() {
        Caller clinician = Caller.staff("dr", "Dr Setup", "R1H", "R8000", Set.of(StaffPrivilege.CLINICAL));
        String summarised = TestNhsNumbers.next();
        patients.register(Caller.support("setup"), List.of(new PatientRegistration(summarised, "Sam", "Summary",
                LocalDate.of(1960, 1, 1), "E8 1AB", "E01001711", "F84003")), null);
        String planId = plans
            .create(clinician,
                    new CreateCancerPlanInput(NhsNumber.of(summarised), new DiagnosisInput("C18.7", "2", null), null,
                            null, null))
            .plan()
            .getId();
        plans.update(clinician,
                new UpdateCancerPlanInput(planId, 1L, PlanStatus.ACTIVE, null, null, null, null, null, null, null));
        assertThat(summaries
            .issue(clinician, new IssueTreatmentSummaryInput(planId, 2L,
                    new TreatmentSummaryInput(List.of("Tiredness"), List.of("Bleeding"),
                            new ReaccessPointInput("Colorectal nurses", "020 7946 0101", "9 to 5"), List.of(), null),
                    new FollowUpInput(FollowUpKind.PATIENT_INITIATED, LocalDate.of(2029, 11, 30), null,
                            List.of(new SurveillanceTestInput("CT scan", LocalDate.of(2027, 11, 30)))),
                    null))
            .errors()).isEmpty();

        Run summary = run("plan", "summary", summarised);
        Run none = run("plan", "summary", nhsNumber);

        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("Issued ", " by Dr Setup", "acknowledged by the patient not yet",
                "Treatments given: none", "Red-flag symptoms:\n  - Bleeding",
                "Who to contact: Colorectal nurses, 020 7946 0101 (9 to 5)", "Actions for the GP: none",
                "Follow-up: Patient-initiated follow-up until 2029-11-30\n  - CT scan due 2027-11-30");
        assertThat(none.out()).isEqualTo("No end-of-treatment summary\n");
    }

    @Test
    void tasksListShowsALeadsOpenTasksMostUrgentFirstAndTheOverdueOnes() {
        Caller clinician = Caller.staff("dr", "Dr Setup", "R1H", "R8000", Set.of(StaffPrivilege.CLINICAL));
        String patient = TestNhsNumbers.next();
        patients.register(Caller.support("setup"), List.of(new PatientRegistration(patient, "Tia", "Tasks",
                LocalDate.of(1962, 2, 2), "E8 1AB", "E01001711", "F84003")), null);
        CancerPlan plan = plans
            .create(clinician,
                    new CreateCancerPlanInput(NhsNumber.of(patient), new DiagnosisInput("C50.9", "II", null), null,
                            null, null))
            .plan();
        String leadId = leads
            .register(Caller.support("setup"),
                    new RegisterNeighbourhoodLeadInput("Tam Tasks", "Cancer care coordinator", "Y01234",
                            "Hackney North", 10, null, null, null))
            .lead()
            .id();
        CancerPlan led = leads
            .assign(clinician, new AssignNeighbourhoodLeadInput(plan.getId(), 1L, leadId, null, null, null))
            .plan();
        LocalDate today = LocalDate.now(England.ZONE);
        Task late = tasks.raise(new NewTask("shell-late-" + patient, TaskKind.ASSESSMENT_OVERDUE, TaskPriority.ROUTINE,
                "Ask about the questionnaire", today.minusDays(1), patient, led.getId(), null), led, clinician);
        Task urgent = tasks.raise(new NewTask("shell-urgent-" + patient, TaskKind.FOLLOW_UP_REQUEST,
                TaskPriority.URGENT, "Call the patient back", today.plusDays(1), patient, led.getId(), null), led,
                clinician);

        Run all = run("tasks", "list", "--lead", leadId);
        Run overdue = run("tasks", "list", "--lead", leadId, "--overdue");
        Run unknown = run("tasks", "list", "--lead", "000000000000000000000000");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines()).hasSize(2);
        assertThat(all.out().lines().toList().get(0)).startsWith(urgent.getId() + "  URGENT  OPEN  due ")
            .endsWith(patient + "  FOLLOW_UP_REQUEST  Call the patient back");
        assertThat(overdue.out().lines()).as(overdue.err())
            .singleElement()
            .satisfies(line -> assertThat(line).startsWith(late.getId())
                .contains("due " + today.minusDays(1) + " (overdue)"));
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(mongo.count(Query.query(Criteria.where("patientNhsNumber")
            .is(patient)
            .and("actorName")
            .is("operator:jsmith")
            .and("action")
            .is("TASKS_READ")), "auditEvents")).isEqualTo(2);
    }

    @Test
    void questionnairesListShowsEachVersionWithItsItemsByDomain() {
        Run list = run("questionnaires", "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).hasSize(2)
            .anySatisfy(line -> assertThat(line).startsWith("holistic-needs v1  Holistic needs checklist")
                .contains("15 items (family 2, information 3, mental health 2, physical 4, practical 2, social 1, "
                        + "spiritual 1)"))
            .anySatisfy(line -> assertThat(line).startsWith("quality-of-life v1  How you are getting on"));
    }

    @Test
    void theImdImportLoadsAFileAndAMissingFileIsNotFound() throws Exception {
        Path csv = Files.writeString(store.resolve("imd.csv"), ImdFixture.CSV);

        Run loaded = run("reference", "import-imd", "--file", csv.toString(), "--edition", "2019");
        Run missing = run("reference", "import-imd", "--file", store.resolve("nope.csv").toString(), "--edition",
                "2019");

        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("4 LSOAs loaded, 2 rows skipped");
        assertThat(missing.exitCode()).isEqualTo(3);
    }

    @Test
    void anInvitationImportIssuesValidRowsRejectsTheRestWithLineNumbersAndIsIdempotent() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy\n";
        String rows = "IMP-1," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + "\n"
                + "IMP-2,1234567890,BOWEL," + today + "," + today.plusDays(30) + "\n" + "IMP-1," + nhsNumber + ",BOWEL,"
                + today + "," + today.plusDays(30) + "\n" + "IMP-3," + nhsNumber + ",KIDNEY," + today + ","
                + today.plusDays(30) + "\n" + "IMP-4," + nhsNumber + ",BREAST,yesterday," + today.plusDays(30) + "\n"
                + "IMP-5," + TestNhsNumbers.next() + ",BOWEL," + today + "," + today.plusDays(30) + "\n";
        Path cohort = Files.writeString(store.resolve("cohort.csv"), header + rows);
        Path rejects = store.resolve("rejects.csv");

        Run first = run("invitations", "import", "--file", cohort.toString(), "--rejects", rejects.toString());
        List<String> rejected = Files.readAllLines(rejects);
        Run again = run("invitations", "import", "--file", cohort.toString(), "--rejects", rejects.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("6 rows: 1 issued, 0 already issued, 5 rejected");
        assertThat(rejected).hasSize(6);
        assertThat(rejected.subList(1, 6))
            .extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
            .containsExactlyInAnyOrder("5,INVALID_ROW", "6,INVALID_ROW", "3,INVALID_NHS_NUMBER", "4,DUPLICATE_IN_BATCH",
                    "7,PATIENT_NOT_FOUND");
        assertThat(again.out()).contains("6 rows: 0 issued, 1 already issued, 5 rejected");
    }

    @Test
    void aQuotedCellOverSeveralLinesIsOneCellAndRowsAreNumberedAsASpreadsheetShowsThem() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy,notes\n";
        String second = "MULTI-2," + nhsNumber + ",KIDNEY," + today + "," + today.plusDays(30) + ",\"moved\nabroad\"";
        String rows = "MULTI-1," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + ",\"rang twice,\n"
                + "no \"\"answer\"\"\"\n" + second + "\n";
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Import imported = importInvitations("multi-line", header + rows);
        invitationImport.run(operator.caller(), imported.file(), imported.rejectsFile(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 rows: 1 issued, 0 already issued, 1 rejected");
        // the second record starts on the file's fourth line and is the spreadsheet's
        // third row
        assertThat(imported.rejects()).containsExactly(
                List.of("3", "INVALID_ROW", "", "programme must be one of BOWEL, BREAST, CERVICAL, LUNG", second));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains(" 2/2 rows");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkipped() throws Exception {
        LocalDate today = LocalDate.now();
        String csv = "\uFEFFexternalId,nhsNumber,programme,invitedOn,respondBy\n" + "BOM-1," + nhsNumber + ",BOWEL,"
                + today + "," + today.plusDays(30) + "\n";
        Path cohort = Files.writeString(store.resolve("bom.csv"), csv, StandardCharsets.UTF_8);

        Run imported = run("invitations", "import", "--file", cohort.toString());

        assertThat(Files.readAllBytes(cohort)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("1 rows: 1 issued, 0 already issued, 0 rejected");
    }

    @Test
    void crlfEndsARowAndIsKeptInsideAQuotedCell() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy,notes\r\n";
        String second = "CRLF-2," + nhsNumber + ",KIDNEY," + today + "," + today.plusDays(30) + ",\"moved\r\nabroad\"";
        String third = "CRLF-3," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30);
        String rows = "CRLF-1," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + ",\r\n" + second + "\r\n"
                + third + "\r\n";
        Import imported = importInvitations("crlf", header + rows);

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("3 rows: 1 issued, 0 already issued, 2 rejected");
        assertThat(imported.rejects()).containsExactly(
                List.of("3", "INVALID_ROW", "", "programme must be one of BOWEL, BREAST, CERVICAL, LUNG", second),
                List.of("4", "INVALID_ROW", "", "Expected 6 columns, found 5", third));
    }

    @Test
    void aRowWithAMissingOrAnExtraColumnIsRejectedNamingItsRowAndTheRestIsIssued() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy\n";
        String missing = "COLS-1," + nhsNumber + ",BOWEL," + today;
        String extra = "COLS-2," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + ",extra";
        String rows = missing + "\n" + extra + "\n" + "COLS-3," + nhsNumber + ",BOWEL," + today + ","
                + today.plusDays(30) + "\n";
        Import imported = importInvitations("columns", header + rows);

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("3 rows: 1 issued, 0 already issued, 2 rejected");
        assertThat(imported.rejects()).containsExactly(
                List.of("2", "INVALID_ROW", "", "Expected 5 columns, found 4", missing),
                List.of("3", "INVALID_ROW", "", "Expected 5 columns, found 6", extra));
    }

    @Test
    void aRowThatIsNotValidCsvIsRejectedAndTheRestIsRead() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy\n";
        String rows = "\"BAD-1\"x," + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + "\n" + "BAD-2,"
                + nhsNumber + ",BOWEL," + today + "," + today.plusDays(30) + "\n" + "BAD-3," + nhsNumber + ",BOWEL,"
                + today + ",\"" + today.plusDays(30) + "\n";
        Import imported = importInvitations("not-csv", header + rows);

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).doesNotContain("Exception");
        assertThat(imported.out()).contains("3 rows: 1 issued, 0 already issued, 2 rejected");
        assertThat(imported.rejects()).extracting(reject -> reject.get(0) + " " + reject.get(3))
            .satisfiesExactly(bad -> assertThat(bad).startsWith("2 Not valid CSV: Unexpected character ('x'"),
                    bad -> assertThat(bad).isEqualTo("4 Not valid CSV: Missing closing quote for value"));
    }

    @Test
    void theImdImportAcceptsAByteOrderMarkAndCrlfLineEnds() throws Exception {
        String csv = "\uFEFF" + ImdFixture.CSV.replace("\n", "\r\n");
        Path file = Files.writeString(store.resolve("imd-bom-crlf.csv"), csv, StandardCharsets.UTF_8);

        Run loaded = run("reference", "import-imd", "--file", file.toString(), "--edition", "2019");

        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("4 LSOAs loaded, 2 rows skipped", "row 6: no valid LSOA code and decile 1-10",
                "row 7: no valid LSOA code and decile 1-10");
        assertThat(mongo.findById("E01000110", Document.class, "deprivationIndex")).containsEntry("decile", 10);
    }

    @Test
    void leadAddAndDemoSeedOutsideLocalMode() {
        Run added = run("lead", "add", "--name", "Shell Lead", "--role", "Coordinator", "--organisation", "Y01234",
                "--neighbourhood", "Hackney East");
        Run invalid = run("lead", "add", "--name", "X", "--role", "Y", "--organisation", "not an ods code",
                "--neighbourhood", "Z");
        Run seed = run("demo", "seed", "--patients", "10");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(run("lead", "list").out()).contains("Shell Lead");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("organisation");
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("local mode");
    }

    @Test
    void theScreeningJobRunsOnDemandWithADryRun() {
        Run dry = run("invitations", "remind", "--dry-run");
        Run expire = run("invitations", "expire");

        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).startsWith("Would remind ");
        assertThat(expire.out()).startsWith("Expired ");
    }

    @Test
    void leadCommandsCheckTheirOptions() {
        Run neither = run("lead", "handover", "--from", "abc");
        Run unknownLead = run("lead", "handover", "--from", "abc", "--to", "def");
        Run list = run("lead", "list", "--json");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(unknownLead.exitCode()).isEqualTo(3);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().strip()).startsWith("[");
    }

    @Test
    void auditSearchAndStoreCommands() {
        run("patient", "show", nhsNumber);

        Run search = run("audit", "search", "--nhs-number", nhsNumber, "--since",
                LocalDate.now().minusDays(1).toString());
        Run badDate = run("audit", "search", "--since", "yesterday");
        Run stats = run("store", "stats");
        Run indexes = run("store", "indexes");

        assertThat(search.out()).contains("PATIENT_READ", "operator:jsmith");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(stats.out()).contains("patients", "cancerPlans");
        assertThat(indexes.out()).contains("patients  {\"nhsNumber\": 1}  unique");
    }

    @Test
    void storeStatsShowsTheEmbeddedStoresDocumentsTheirSizeTheIndexesEntriesAndTheFile() {
        long patientCount = mongo.getCollection("patients").countDocuments();

        Run stats = run("store", "stats");

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        List<String> lines = stats.out().lines().toList();
        int patients = lines
            .indexOf(lines.stream().filter(line -> line.startsWith("patients ")).findFirst().orElseThrow());
        List<String> patientIndexes = lines.stream()
            .skip(patients + 1)
            .takeWhile(line -> line.startsWith("  "))
            .toList();
        assertThat(lines.get(patients))
            .matches("patients +" + String.format("%,d", patientCount) + " documents  about [0-9.]+ K?B");
        assertThat(patientIndexes).contains(String.format("  %-38s %,12d entries", "_id_", patientCount))
            .anySatisfy(line -> assertThat(line).startsWith("  nhsNumber"));
        assertThat(lines.get(lines.size() - 1))
            .matches("file [0-9.]+ [KM]?B: [0-9]{1,3} % in use, [0-9]{1,3} % of that live");
    }

    @Test
    void aDayThatDoesNotExistIsRefusedByTheShellAndTheImportNamingTheOptionOrColumn() throws Exception {
        LocalDate today = LocalDate.now();
        String header = "externalId,nhsNumber,programme,invitedOn,respondBy\n";
        String rows = "DAY-1," + nhsNumber + ",BOWEL,2026-09-31," + today.plusDays(30) + "\n" + "DAY-2," + nhsNumber
                + ",BOWEL," + today + ",2027-02-29\n";
        Path cohort = Files.writeString(store.resolve("impossible-days.csv"), header + rows);
        Path rejects = store.resolve("impossible-days-rejects.csv");

        Run search = run("audit", "search", "--since", "1961-02-30");
        Run imported = run("invitations", "import", "--file", cohort.toString(), "--rejects", rejects.toString());

        assertThat(search.exitCode()).isEqualTo(2);
        assertThat(search.err()).contains("--since", "1961-02-30");
        assertThat(imported.out()).contains("2 rows: 0 issued, 0 already issued, 2 rejected");
        // line, code, field, message, row: the message names the column and the value
        assertThat(records(rejects)).extracting(line -> line.get(0) + " " + line.get(1) + " " + line.get(3))
            .containsExactly("2 INVALID_ROW invitedOn must be a date as YYYY-MM-DD, not '2026-09-31'",
                    "3 INVALID_ROW respondBy must be a date as YYYY-MM-DD, not '2027-02-29'");
    }

    /** A rejects file's records below its header. */
    private static List<List<String>> records(Path csv) {
        try (MappingIterator<List<String>> records = new CsvMapper().readerForListOf(String.class)
            .with(CsvReadFeature.WRAP_AS_ARRAY)
            .readValues(csv.toFile())) {
            List<List<String>> all = records.readAll();
            return all.subList(1, all.size());
        }
    }

    /**
     * An {@code invitations import} of {@code csv}, written to NAME.csv, with its rejects
     * in NAME-rejects.csv.
     */
    private Import importInvitations(String name, String csv) throws IOException {
        Path file = Files.writeString(store.resolve(name + ".csv"), csv);
        Path rejectsFile = store.resolve(name + "-rejects.csv");
        Run run = run("invitations", "import", "--file", file.toString(), "--rejects", rejectsFile.toString());
        return new Import(run, file, rejectsFile, records(rejectsFile));
    }

    /**
     * What an import printed, and the rows it rejected (without the rejects file's
     * header).
     */
    record Import(Run run, Path file, Path rejectsFile, List<List<String>> rejects) {

        int exitCode() {
            return run.exitCode();
        }

        String out() {
            return run.out();
        }

        String err() {
            return run.err();
        }
    }

    @Test
    void notifyShowsAPatientsMessagesAndFailuresResendsOneAndPausesTheRelay() {
        String patient = TestNhsNumbers.next();
        Instant created = Instant.now().minusSeconds(7200);
        ObjectId delivered = insertMessage(patient, created,
                new Document("state", "SENT").append("attempts", 0)
                    .append("sentAt", created.plusSeconds(3600))
                    .append("messageStatus", "delivered"),
                new Document("NHSAPP",
                        new Document("status", "DELIVERED").append("at", Date.from(created.plusSeconds(3700)))));
        ObjectId failed = insertMessage(patient, created.plusSeconds(60),
                new Document("state", "FAILED").append("attempts", 10)
                    .append("lastError", "not taken after 10 attempts, the last: 503"),
                new Document());
        Instant before = Instant.now();

        Run status = run("notify", "status", patient);
        Run failures = run("notify", "failures", "--since", "24h");
        Run resend = run("notify", "resend", failed.toHexString());
        Run again = run("notify", "resend", failed.toHexString());
        Run unknown = run("notify", "resend", new ObjectId().toHexString());
        Run badSince = run("notify", "failures", "--since", "last tuesday");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains(delivered.toHexString(), "SENT", "gateway delivered", "NHSAPP DELIVERED",
                failed.toHexString(), "FAILED after 10 attempts", "last error: not taken after 10 attempts");
        assertThat(failures.out()).contains(failed.toHexString()).doesNotContain(delivered.toHexString());
        assertThat(resend.exitCode()).as(resend.err()).isZero();
        assertThat(resend.out()).contains("will be sent again");
        Document relay = mongo.findById(failed, Document.class, "messages").get("relay", Document.class);
        assertThat(relay.getString("state")).isEqualTo("PENDING");
        assertThat(relay.getInteger("resends")).isEqualTo(1);
        assertThat(relay.getInteger("attempts")).isZero();
        assertThat(relay.getString("reference")).isNotEqualTo("ref-" + failed.toHexString());
        assertThat(relay.getList("earlierReferences", String.class)).containsExactly("ref-" + failed.toHexString());
        assertThat(again.exitCode()).as("a pending message is not resent").isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(again.err()).contains("PENDING");
        assertThat(unknown.exitCode()).isEqualTo(AdminFailure.NOT_FOUND);
        assertThat(badSince.exitCode()).isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(badSince.err()).contains("--since last tuesday");
        assertThat(mongo.find(Query.query(Criteria.where("patientNhsNumber")
            .is(patient)
            .and("actorName")
            .is("operator:jsmith")
            .and("at")
            .gte(before)), Document.class, "auditEvents")).extracting(e -> e.getString("action"))
            .contains("MESSAGES_READ", "MESSAGE_RESENT");

        Run pause = run("notify", "pause", "--reason", "gateway incident INC-42");
        Run paused = run("notify", "status");
        Run resume = run("notify", "resume");

        assertThat(pause.exitCode()).as(pause.err()).isZero();
        assertThat(pause.out()).contains("PAUSED by operator:jsmith", "gateway incident INC-42");
        assertThat(paused.out()).contains("PAUSED", "PENDING ", "FAILED ", "Oldest unsent: ");
        assertThat(resume.out()).contains("Relay: running", "Gateway: not configured");
        assertThat(mongo.findById("relay", Document.class, "notifyRelay").getBoolean("paused")).isFalse();
        assertThat(mongo.find(Query.query(Criteria.where("actorName").is("operator:jsmith").and("at").gte(before)),
                Document.class, "auditEvents"))
            .extracting(e -> e.getString("action"))
            .contains("NOTIFY_RELAY_PAUSED", "NOTIFY_RELAY_RESUMED");
    }

    private ObjectId insertMessage(String patient, Instant created, Document relay, Document deliveries) {
        ObjectId id = new ObjectId();
        relay.append("reference", "ref-" + id.toHexString())
            .append("notBefore", Date.from(created.plusSeconds(3600)))
            .append("resends", 0)
            .append("earlierReferences", List.of());
        mongo.insert(new Document("_id", id).append("patientNhsNumber", patient)
            .append("about", new Document("kind", "PLAN").append("_id", "plan-" + id))
            .append("clinical", true)
            .append("parts",
                    List.of(new Document("key", "k-" + id).append("kind", "LEAD_ASSIGNED")
                        .append("at", Date.from(created))
                        .append("fields", new Document("leadName", "Sam Lead"))))
            .append("createdAt", Date.from(created))
            .append("relay", relay)
            .append("deliveries", deliveries), "messages");
        return id;
    }

    private Run run(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runner.execute(Arrays.asList(words), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

}
