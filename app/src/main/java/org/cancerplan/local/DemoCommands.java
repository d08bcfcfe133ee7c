package org.cancerplan.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import org.cancerplan.admin.AdminFailure;
import org.cancerplan.admin.CommandSet;
import org.cancerplan.admin.Operator;
import org.cancerplan.lead.LeadInputs.AssignNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadService;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.patient.RegistrationResult;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.DiagnosisInput;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.NhsNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * {@code demo seed}: synthetic patients (NHS numbers in the 999 test range) for trying
 * the service at volume, optionally plans for some of them held by leads of
 * {@value #PLANS_PER_LEAD} plans each (opened and assigned through the plan and lead
 * services as a demo consultant of R1H and a demo admin), and a bowel screening cohort
 * file for them. Local mode only.
 */
@Component
@Profile("admin")
public class DemoCommands implements CommandSet {

    private static final int BATCH = 500;

    private static final int PLANS_PER_LEAD = 100;

    private static final int THREADS = 4;

    private static final Caller CONSULTANT = Caller.staff("demo-seed-consultant", "Demo Consultant", "R1H", "R8000",
            Set.of(StaffPrivilege.CLINICAL));

    private static final Caller LEAD_ADMIN = Caller.staff("demo-seed-admin", "Demo Admin", "Y01234", "R8013",
            Set.of(StaffPrivilege.ADMIN));

    private final PatientService patients;

    private final PlanService plans;

    private final LeadService leads;

    private final Operator operator;

    private final Environment environment;

    DemoCommands(PatientService patients, PlanService plans, LeadService leads, Operator operator,
            Environment environment) {
        this.patients = patients;
        this.plans = plans;
        this.leads = leads;
        this.operator = operator;
        this.environment = environment;
    }

    @Command(name = { "demo", "seed" }, description = "Register synthetic patients (local mode only)")
    String seed(@Option(longName = "patients", description = "how many", required = true) Integer count,
            @Option(longName = "plans",
                    description = "open a plan with a lead for this many of them") Integer planCount,
            @Option(longName = "cohort-file",
                    description = "also write a BOWEL invitation CSV for them") String cohort) {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw AdminFailure.badUsage("demo seed runs only in local mode (./ops/admin --local ...)");
        }
        if (count == null || count < 1 || count > 1_000_000) {
            throw AdminFailure.badUsage("--patients is 1 to 1,000,000");
        }
        List<String> numbers = syntheticNhsNumbers(count);
        AtomicInteger done = new AtomicInteger();
        long registered = inParallel(firstIndexes(numbers.size(), BATCH), from -> {
            List<PatientRegistration> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, numbers.size()); i++) {
                batch.add(new PatientRegistration(numbers.get(i), "Test", "Patient " + i,
                        LocalDate.of(1960, 1, 1).plusDays(i % 3000), null, null, null));
            }
            RegistrationResult result = patients.register(operator.caller(), batch, null);
            System.err.printf("\rRegistered %,d/%,d", done.addAndGet(batch.size()), numbers.size());
            return result.registered();
        });
        System.err.println();
        long opened = planCount == null ? 0 : openPlans(numbers.subList(0, Math.min(planCount, numbers.size())));
        if (cohort != null) {
            writeCohort(Path.of(cohort), numbers);
        }
        return String.format("%,d synthetic patients (%,d new), %,d plans opened%s", numbers.size(), registered, opened,
                cohort == null ? "" : "; cohort written to " + cohort);
    }

    /**
     * A plan for each patient that has none, each lead ("Demo Lead n", neighbourhood
     * "Demo n") holding 100: the leads first, then the plans.
     */
    private long openPlans(List<String> nhsNumbers) {
        List<String> leadIds = new ArrayList<>();
        for (int from = 0; from < nhsNumbers.size(); from += PLANS_PER_LEAD) {
            int n = from / PLANS_PER_LEAD + 1;
            NeighbourhoodLeadPayload lead = leads.register(LEAD_ADMIN,
                    new RegisterNeighbourhoodLeadInput("Demo Lead " + n, "Cancer care coordinator", "Y01234",
                            "Demo " + n, PLANS_PER_LEAD * 2, null, null, null));
            leadIds.add(lead.lead().id());
        }
        AtomicInteger done = new AtomicInteger();
        long opened = inParallel(firstIndexes(nhsNumbers.size(), 1), i -> {
            CancerPlanPayload created = plans.create(CONSULTANT,
                    new CreateCancerPlanInput(NhsNumber.of(nhsNumbers.get(i)),
                            new DiagnosisInput("C18.7", "2", LocalDate.now().minusDays(30)),
                            LocalDate.now().minusDays(60), null, null));
            if (created.errors().isEmpty()) {
                leads.assign(CONSULTANT, new AssignNeighbourhoodLeadInput(created.plan().getId(),
                        created.plan().getVersion(), leadIds.get(i / PLANS_PER_LEAD), "Demo data", null, null));
            }
            System.err.printf("\rOpened %,d/%,d plans", done.incrementAndGet(), nhsNumbers.size());
            return created.errors().isEmpty() ? 1 : 0;
        });
        System.err.println();
        return opened;
    }

    /** 0, step, 2 step, ... below size. */
    private static List<Integer> firstIndexes(int size, int step) {
        return IntStream.iterate(0, i -> i < size, i -> i + step).boxed().toList();
    }

    /**
     * Runs the task for each item on {@value #THREADS} threads and adds up what they
     * return: the embedded store answers several connections at once, so the seed's round
     * trips overlap instead of queueing one by one.
     */
    private static long inParallel(List<Integer> items, ToLongFunction<Integer> task) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long total = 0;
            for (Future<Long> result : pool
                .invokeAll(items.stream().<Callable<Long>>map(item -> () -> task.applyAsLong(item)).toList())) {
                total += result.get();
            }
            return total;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminFailure(AdminFailure.FAILED, "Interrupted");
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * NHS numbers 999xxxxxxx with a valid check digit, the same ones for the same count.
     */
    public static List<String> syntheticNhsNumbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (long n = 0; numbers.size() < count; n++) {
            String prefix = String.format("999%06d", n);
            for (int digit = 0; digit <= 9; digit++) {
                if (NhsNumber.isValid(prefix + digit)) {
                    numbers.add(prefix + digit);
                    break;
                }
            }
        }
        return numbers;
    }

    private static void writeCohort(Path file, List<String> numbers) {
        LocalDate today = LocalDate.now();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("externalId,nhsNumber,programme,invitedOn,respondBy\n");
            for (int i = 0; i < numbers.size(); i++) {
                out.write(
                        "DEMO-BOWEL-" + i + "," + numbers.get(i) + ",BOWEL," + today + "," + today.plusDays(60) + "\n");
            }
        }
        catch (IOException e) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot write " + file + ": " + e.getMessage());
        }
    }

}
