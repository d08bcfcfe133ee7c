package org.cancerplan.screening;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.screening.ScreeningInputs.InvitationItem;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsPayload;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.shared.UserError;
import org.cancerplan.shared.MessageIntent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A batch of invitations from the screening system. Idempotent by {@code externalId}:
 * items already issued are counted, not issued again. Each item is checked on its own
 * (its fields, the patient, an opt-out, the programme's ages); valid items are issued
 * even when others fail, in one write, each patient audited.
 */
@Component
class InvitationIssuing {

    private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private final InvitationRepository invitations;

    private final PatientService patients;

    private final OptOuts optOuts;

    private final AuditLog audit;

    private final ScreeningProperties settings;

    private final ApplicationEventPublisher events;

    InvitationIssuing(InvitationRepository invitations, PatientService patients, OptOuts optOuts, AuditLog audit,
            ScreeningProperties settings, ApplicationEventPublisher events) {
        this.events = events;
        this.invitations = invitations;
        this.patients = patients;
        this.optOuts = optOuts;
        this.audit = audit;
        this.settings = settings;
    }

    IssueScreeningInvitationsPayload issue(Caller caller, List<InvitationItem> items, String cmid, Instant now) {
        Map<Integer, UserError> errors = new TreeMap<>(); // by item index, so they read
                                                          // in batch order
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            InvitationItem item = items.get(i);
            String path = "invitations[" + i + "]";
            UserError problem = check(item, path);
            if (problem != null) {
                errors.put(i, problem);
            }
            else if (indexOf.putIfAbsent(item.externalId(), i) != null) {
                errors.put(i,
                        UserError.of("DUPLICATE_IN_BATCH", path + ".externalId", "This externalId appears earlier"));
            }
        }
        List<InvitationItem> checked = indexOf.values().stream().map(items::get).toList();
        Map<String, ScreeningInvitation> existing = invitations.findByExternalIdIn(indexOf.keySet())
            .stream()
            .collect(Collectors.toMap(ScreeningInvitation::getExternalId, Function.identity()));
        Map<String, Patient> people = patients
            .alreadyAuthorised(checked.stream().map(InvitationItem::nhsNumber).distinct().toList())
            .stream()
            .collect(Collectors.toMap(Patient::nhsNumber, Function.identity()));
        Set<String> optedOut = optOuts.optedOut(checked.stream()
            .map(item -> OptOuts.key(item.nhsNumber(), item.programme()))
            .collect(Collectors.toSet()));
        int already = 0;
        List<ScreeningInvitation> fresh = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : indexOf.entrySet()) {
            InvitationItem item = items.get(entry.getValue());
            String path = "invitations[" + entry.getValue() + "]";
            ScreeningInvitation known = existing.get(item.externalId());
            if (known != null) {
                if (known.getPatientNhsNumber().equals(item.nhsNumber())) {
                    already++;
                }
                else {
                    errors.put(entry.getValue(), UserError.of("EXTERNAL_ID_CONFLICT", path + ".externalId",
                            "This externalId was issued for another patient"));
                }
                continue;
            }
            Patient patient = people.get(item.nhsNumber());
            UserError problem = patient == null
                    ? UserError.of("PATIENT_NOT_FOUND", path + ".nhsNumber", "No patient with this NHS number")
                    : patient.deceasedOn() != null
                            ? UserError.of("PATIENT_DECEASED", path + ".nhsNumber",
                                    "The patient died on " + patient.deceasedOn() + "; no invitation is issued")
                            : optedOut.contains(OptOuts.key(item.nhsNumber(), item.programme()))
                                    ? UserError.of("OPTED_OUT", path + ".programme",
                                            "The patient has opted out of " + item.programme() + " screening")
                                    : eligibility(item, patient, path);
            if (problem != null) {
                errors.put(entry.getValue(), problem);
                continue;
            }
            fresh.add(ScreeningInvitation.issue(item.externalId(), item.nhsNumber(), item.programme(), item.invitedOn(),
                    item.respondBy(), Boolean.TRUE.equals(item.selfReferral()), patient.lsoaCode(), caller, now));
        }
        audit.recordAllowed(caller, fresh.stream().map(ScreeningInvitation::getPatientNhsNumber).toList(),
                ScreeningService.ISSUED);
        int issued = 0;
        try {
            issued = invitations.insert(fresh).size();
        }
        catch (DuplicateKeyException concurrentFeed) {
            for (ScreeningInvitation invitation : fresh) {
                try {
                    invitations.insert(invitation);
                    issued++;
                }
                catch (DuplicateKeyException sentTwice) {
                    already++;
                }
            }
        }
        if (issued > 0) {
            events.publishEvent(new MessageIntent.Written(ScreeningInvitation.COLLECTION));
        }
        return new IssueScreeningInvitationsPayload(issued, already, List.copyOf(errors.values()), cmid);
    }

    private static UserError check(InvitationItem item, String path) {
        if (item.externalId() == null || !EXTERNAL_ID.matcher(item.externalId()).matches()) {
            return UserError.of("INVALID_EXTERNAL_ID", path + ".externalId", "1 to 64 letters, digits and ._:-");
        }
        String nhsProblem = NhsNumber.problemWith(item.nhsNumber());
        if (nhsProblem != null) {
            return UserError.of("INVALID_NHS_NUMBER", path + ".nhsNumber", nhsProblem);
        }
        if (item.programme() == null || item.invitedOn() == null || item.respondBy() == null) {
            return UserError.of("REQUIRED", path, "programme, invitedOn and respondBy are required");
        }
        if (item.respondBy().isBefore(item.invitedOn())) {
            return UserError.of("DATES_OUT_OF_ORDER", path + ".respondBy", "respondBy is before invitedOn");
        }
        return null;
    }

    private UserError eligibility(InvitationItem item, Patient patient, String path) {
        if (Boolean.TRUE.equals(item.selfReferral())) {
            return null;
        }
        ScreeningProperties.Eligibility rule = settings.eligibility(item.programme());
        int age = Period.between(patient.dateOfBirth(), item.invitedOn()).getYears();
        if (age < rule.minAge() || age >= rule.maxAge()) {
            return UserError.of("NOT_ELIGIBLE", path + ".nhsNumber",
                    item.programme() + " screening is for ages " + rule.minAge() + " to " + (rule.maxAge() - 1)
                            + "; the patient is " + age + " (mark a self-referral to invite anyway)");
        }
        return null;
    }

}
