package org.cancerplan.patient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.ConcurrentWrites;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.shared.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.stereotype.Service;

/** Patients: who may read them, and registration feeds adding or updating them. */
@Service
public class PatientService {

    static final String WRITE_SCOPE = "patients:write";
    static final String READ = "PATIENT_READ";
    static final String REGISTER = "PATIENTS_REGISTER";
    static final String REGISTERED = "PATIENT_REGISTERED";
    static final String UPDATED = "PATIENT_UPDATED";

    private final PatientRepository patients;

    private final AuditLog audit;

    private final Clock clock;

    private final DeathFollowThrough deaths;

    PatientService(PatientRepository patients, AuditLog audit, Clock clock, DeathFollowThrough deaths) {
        this.patients = patients;
        this.audit = audit;
        this.clock = clock;
        this.deaths = deaths;
    }

    /** The signed-in patient's own record (demographics: any proofing level). */
    public Optional<Patient> me(Caller caller) {
        return audited(caller, caller == null ? null : caller.nhsNumber(),
                () -> Access.requireKind(caller, CallerKind.PATIENT));
    }

    /** A patient's demographics, for staff with a clinical role. */
    public Optional<Patient> find(Caller caller, NhsNumber nhsNumber) {
        return audited(caller, nhsNumber.value(), () -> Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL));
    }

    /**
     * Patients by NHS number, unaudited: only for features that have already checked and
     * audited the caller's access to these patients (a caseload page, say).
     */
    public List<Patient> alreadyAuthorised(Collection<String> nhsNumbers) {
        return patients.findByNhsNumberIn(nhsNumbers);
    }

    /**
     * Whether a patient is registered; for other features' checks, not a read of the
     * patient's data.
     */
    public boolean isRegistered(String nhsNumber) {
        // a find on the unique key: a count would be an aggregation, which the embedded
        // store answers by scanning
        return patients.findByNhsNumber(nhsNumber).isPresent();
    }

    private Optional<Patient> audited(Caller caller, String nhsNumber, Runnable check) {
        return audit.auditedRead(caller, nhsNumber, READ, check, () -> patients.findByNhsNumber(nhsNumber));
    }

    /**
     * Registers new patients and updates known ones. Every record is checked on its own;
     * the valid ones are saved even when others in the batch are refused.
     */
    public RegistrationResult register(Caller caller, List<PatientRegistration> records, String clientMutationId) {
        audit.allowCaller(caller, REGISTER, () -> Access.requireScope(caller, WRITE_SCOPE));
        if (records.size() > RegistrationRules.MAX_BATCH) {
            return new RegistrationResult(0, 0, 0,
                    List.of(UserError.of("TOO_MANY_RECORDS", "patients",
                            "At most " + RegistrationRules.MAX_BATCH + " patients per call; split the batch")),
                    clientMutationId);
        }
        LocalDate today = LocalDate.now(clock);
        List<UserError> errors = new ArrayList<>();
        Map<String, PatientRegistration> valid = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            PatientRegistration record = records.get(i).normalised();
            String path = "patients[" + i + "]";
            List<UserError> problems = RegistrationRules.check(record, path, today);
            if (!problems.isEmpty()) {
                errors.addAll(problems);
            }
            else if (valid.putIfAbsent(record.nhsNumber(), record) != null) {
                errors.add(UserError.of("DUPLICATE_IN_BATCH", path + ".nhsNumber",
                        "This NHS number appears earlier in the batch; only the first record was used"));
            }
        }
        Map<String, Patient> known = patients.findByNhsNumberIn(valid.keySet())
            .stream()
            .collect(Collectors.toMap(Patient::nhsNumber, Function.identity()));
        List<PatientRegistration> changes = valid.values()
            .stream()
            .filter(r -> known.get(r.nhsNumber()) == null || !known.get(r.nhsNumber()).sameDetailsAs(r))
            .toList();
        audit.recordAllowed(caller,
                changes.stream()
                    .filter(r -> !known.containsKey(r.nhsNumber()))
                    .map(PatientRegistration::nhsNumber)
                    .toList(),
                REGISTERED);
        audit.recordAllowed(caller,
                changes.stream()
                    .filter(r -> known.containsKey(r.nhsNumber()))
                    .map(PatientRegistration::nhsNumber)
                    .toList(),
                UPDATED);
        int updated = 0;
        int unchanged = 0;
        List<PatientRegistration> fresh = new ArrayList<>();
        for (PatientRegistration record : valid.values()) {
            Patient existing = known.get(record.nhsNumber());
            if (existing == null) {
                fresh.add(record);
            }
            else if (save(record, existing) == Outcome.UPDATED) {
                updated++;
            }
            else {
                unchanged++;
            }
        }
        int registered = insertAll(fresh);
        unchanged += fresh.size() - registered;
        List<String> died = valid.values()
            .stream()
            .filter(record -> record.deceasedOn() != null
                    && (known.get(record.nhsNumber()) == null || !known.get(record.nhsNumber()).isDeceased()))
            .map(PatientRegistration::nhsNumber)
            .toList();
        if (!died.isEmpty()) {
            deaths.followThrough(patients.findByNhsNumberIn(died)
                .stream()
                .filter(patient -> Boolean.TRUE.equals(patient.deathFollowThroughPending()))
                .toList());
        }
        return new RegistrationResult(registered, updated, unchanged, List.copyOf(errors), clientMutationId);
    }

    /**
     * Inserts new patients with one write. If another feed registered one of them
     * meanwhile, the rest are saved one by one (those the batch had already written then
     * count as unchanged); returns how many were registered.
     */
    private int insertAll(List<PatientRegistration> fresh) {
        if (fresh.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        try {
            patients.insert(fresh.stream().map(record -> Patient.registered(record, now)).toList());
            return fresh.size();
        }
        catch (DuplicateKeyException | BulkOperationException concurrent) {
            int registered = 0;
            for (PatientRegistration record : fresh) {
                registered += save(record, null) == Outcome.REGISTERED ? 1 : 0;
            }
            return registered;
        }
    }

    private enum Outcome {

        REGISTERED, UPDATED, UNCHANGED

    }

    /**
     * Saves one record; a concurrent writer of the same patient makes it read the patient
     * again and retry.
     */
    private Outcome save(PatientRegistration record, Patient existing) {
        Instant now = clock.instant();
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        return ConcurrentWrites.retried(() -> saveOnce(record,
                firstAttempt.getAndSet(false) ? existing : patients.findByNhsNumber(record.nhsNumber()).orElse(null),
                now));
    }

    private Outcome saveOnce(PatientRegistration record, Patient existing, Instant now) {
        if (existing == null) {
            patients.insert(Patient.registered(record, now));
            return Outcome.REGISTERED;
        }
        if (existing.sameDetailsAs(record)) {
            return Outcome.UNCHANGED;
        }
        patients.save(existing.updatedWith(record, now));
        return Outcome.UPDATED;
    }

}
