package org.cancerplan.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.patient.RegistrationResult;
import org.cancerplan.shared.NhsNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * {@code demo seed}: synthetic patients (NHS numbers in the 999 test range) for trying the service at volume, and
 * optionally a bowel screening cohort file for them. Local mode only.
 */
@Component
@Profile("admin")
class DemoCommands implements CommandSet {

    private static final int BATCH = 500;

    private final PatientService patients;
    private final Operator operator;
    private final Environment environment;

    DemoCommands(PatientService patients, Operator operator, Environment environment) {
        this.patients = patients;
        this.operator = operator;
        this.environment = environment;
    }

    @Command(name = { "demo", "seed" }, description = "Register synthetic patients (local mode only)")
    String seed(@Option(longName = "patients", description = "how many", required = true) Integer count,
            @Option(longName = "cohort-file", description = "also write a BOWEL invitation CSV for them") String cohort) {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw AdminFailure.badUsage("demo seed runs only in local mode (./ops/admin --local ...)");
        }
        if (count == null || count < 1 || count > 1_000_000) {
            throw AdminFailure.badUsage("--patients is 1 to 1,000,000");
        }
        List<String> numbers = syntheticNhsNumbers(count);
        long registered = 0;
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<PatientRegistration> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, numbers.size()); i++) {
                batch.add(new PatientRegistration(numbers.get(i), "Test", "Patient " + i,
                        LocalDate.of(1960, 1, 1).plusDays(i % 3000), null, null, null));
            }
            RegistrationResult result = patients.register(operator.caller(), batch, null);
            registered += result.registered();
            System.err.printf("\rRegistered %,d/%,d", from + batch.size(), numbers.size());
        }
        System.err.println();
        if (cohort != null) {
            writeCohort(Path.of(cohort), numbers);
        }
        return String.format("%,d synthetic patients (%,d new)%s", numbers.size(), registered,
                cohort == null ? "" : "; cohort written to " + cohort);
    }

    /** NHS numbers 999xxxxxxx with a valid check digit, the same ones for the same count. */
    static List<String> syntheticNhsNumbers(int count) {
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
                out.write("DEMO-BOWEL-" + i + "," + numbers.get(i) + ",BOWEL," + today + "," + today.plusDays(60) + "\n");
            }
        } catch (IOException e) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot write " + file + ": " + e.getMessage());
        }
    }
}
