package org.cancerplan.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.Document;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.screening.Lifecycle.Response;
import org.cancerplan.screening.ScreeningInputs.InvitationItem;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsInput;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsPayload;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningEventInput;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningResultInput;
import org.cancerplan.screening.ScreeningInputs.RespondToScreeningInvitationInput;
import org.cancerplan.screening.ScreeningInputs.ScreeningInvitationPayload;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Screening invitations: integrations issue them and record what happened; patients respond in the app; staff
 * read them. Every change follows {@link Lifecycle}, is appended to the invitation's history and is audited.
 */
@Service
public class ScreeningService {

    static final int MAX_BATCH = 1000;
    static final String OPT_OUTS = "screeningOptOuts";
    static final String ISSUED = "INVITATION_ISSUED";
    static final String ISSUE = "INVITATIONS_ISSUE";
    static final String READ = "INVITATIONS_READ";
    static final String RESPONDED = "INVITATION_RESPONDED";
    static final String RESULT = "SCREENING_RESULT_RECORDED";
    static final String EVENT = "SCREENING_EVENT_RECORDED";
    /** Ties within a day by id ascending: Spring Data's keyset scrolling always orders the id so. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("invitedOn"), Sort.Order.asc("id"));
    private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final InvitationRepository invitations;
    private final MongoTemplate mongo;
    private final PatientService patients;
    private final AuditLog audit;
    private final IdempotentMutations idempotency;
    private final ScreeningProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScreeningService(InvitationRepository invitations, MongoTemplate mongo, PatientService patients, AuditLog audit,
            IdempotentMutations idempotency, ScreeningProperties settings, ApplicationEventPublisher events,
            Clock clock) {
        this.invitations = invitations;
        this.mongo = mongo;
        this.patients = patients;
        this.audit = audit;
        this.idempotency = idempotency;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Issues a batch (at most {@value #MAX_BATCH}). Idempotent by {@code externalId}: items already issued are
     * counted in {@code alreadyIssued}. Each item is checked on its own; valid items are issued even when others fail.
     */
    public IssueScreeningInvitationsPayload issue(Caller caller, IssueScreeningInvitationsInput input) {
        requireScope(caller, "invitations:write", ISSUE);
        String cmid = input.clientMutationId();
        List<InvitationItem> items = input.invitations() == null ? List.of() : input.invitations();
        if (items.size() > MAX_BATCH) {
            return new IssueScreeningInvitationsPayload(0, 0, List.of(UserError.of("TOO_MANY_ITEMS", "invitations",
                    "At most " + MAX_BATCH + " invitations per call; split the batch")), cmid);
        }
        Map<Integer, UserError> errors = new java.util.TreeMap<>(); // by item index, so they read in batch order
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            InvitationItem item = items.get(i);
            String path = "invitations[" + i + "]";
            UserError problem = check(item, path);
            if (problem != null) {
                errors.put(i, problem);
            } else if (indexOf.putIfAbsent(item.externalId(), i) != null) {
                errors.put(i, UserError.of("DUPLICATE_IN_BATCH", path + ".externalId", "This externalId appears earlier"));
            }
        }
        Map<String, ScreeningInvitation> existing = invitations.findByExternalIdIn(indexOf.keySet()).stream()
                .collect(Collectors.toMap(ScreeningInvitation::getExternalId, Function.identity()));
        Map<String, Patient> people = patients.alreadyAuthorised(indexOf.keySet().stream()
                .map(id -> items.get(indexOf.get(id)).nhsNumber()).distinct().toList()).stream()
                .collect(Collectors.toMap(Patient::nhsNumber, Function.identity()));
        Set<String> optedOut = optedOut(indexOf.values().stream().map(items::get).toList());
        int already = 0;
        List<ScreeningInvitation> fresh = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, Integer> entry : indexOf.entrySet()) {
            InvitationItem item = items.get(entry.getValue());
            String path = "invitations[" + entry.getValue() + "]";
            ScreeningInvitation known = existing.get(item.externalId());
            if (known != null) {
                if (known.getPatientNhsNumber().equals(item.nhsNumber())) {
                    already++;
                } else {
                    errors.put(entry.getValue(), UserError.of("EXTERNAL_ID_CONFLICT", path + ".externalId",
                            "This externalId was issued for another patient"));
                }
                continue;
            }
            Patient patient = people.get(item.nhsNumber());
            UserError problem = patient == null
                    ? UserError.of("PATIENT_NOT_FOUND", path + ".nhsNumber", "No patient with this NHS number")
                    : optedOut.contains(item.nhsNumber() + ":" + item.programme())
                            ? UserError.of("OPTED_OUT", path + ".programme", "The patient has opted out of "
                                    + item.programme() + " screening")
                            : eligibility(item, patient, path);
            if (problem != null) {
                errors.put(entry.getValue(), problem);
                continue;
            }
            fresh.add(ScreeningInvitation.issue(item.externalId(), item.nhsNumber(), item.programme(),
                    item.invitedOn(), item.respondBy(), Boolean.TRUE.equals(item.selfReferral()), patient.lsoaCode(),
                    caller, now));
        }
        audit.recordAllowed(caller, fresh.stream().map(ScreeningInvitation::getPatientNhsNumber).toList(), ISSUED);
        int issued = 0;
        try {
            issued = invitations.insert(fresh).size();
        } catch (DuplicateKeyException concurrentFeed) {
            for (ScreeningInvitation invitation : fresh) {
                try {
                    invitations.insert(invitation);
                    issued++;
                } catch (DuplicateKeyException sentTwice) {
                    already++;
                }
            }
        }
        return new IssueScreeningInvitationsPayload(issued, already, List.copyOf(errors.values()), cmid);
    }

    private UserError check(InvitationItem item, String path) {
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
            return UserError.of("NOT_ELIGIBLE", path + ".nhsNumber", item.programme() + " screening is for ages "
                    + rule.minAge() + " to " + (rule.maxAge() - 1) + "; the patient is " + age
                    + " (mark a self-referral to invite anyway)");
        }
        return null;
    }

    private Set<String> optedOut(List<InvitationItem> items) {
        Set<String> keys = items.stream().map(i -> i.nhsNumber() + ":" + i.programme()).collect(Collectors.toSet());
        return mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class, OPT_OUTS).stream()
                .map(d -> d.getString("_id")).collect(Collectors.toCollection(HashSet::new));
    }

    /** The screening service records the outcome; an abnormal one refers the patient (the diagnosis clock starts). */
    public ScreeningInvitationPayload recordResult(Caller caller, RecordScreeningResultInput input) {
        requireScope(caller, "results:write", RESULT);
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "recordScreeningResult", cmid, ScreeningInvitationPayload.class, () -> {
            if (input.outcome() == null || input.recordedOn() == null || input.recordedOn().isAfter(today())) {
                return ScreeningInvitationPayload.failed(UserError.of("INVALID_RESULT", "recordedOn",
                        "An outcome and a date not in the future are required"), cmid);
            }
            return byExternalId(input.externalId(), cmid, RESULT, caller, invitation -> {
                Optional<InvitationStatus> next = Lifecycle.after(input.outcome(), invitation.getProgramme(),
                        invitation.getStatus());
                if (next.isEmpty()) {
                    return invalidTransition(invitation, "outcome");
                }
                invitation.recordResult(new ScreeningInvitation.Result(input.outcome(), input.recordedOn()));
                invitation.moveTo(next.get(), caller, "integration", clock.instant());
                return null;
            }, saved -> {
                if (input.outcome() == Lifecycle.Outcome.ABNORMAL) {
                    events.publishEvent(new ScreeningReferralRecorded(saved.getPatientNhsNumber(), saved.getProgramme(),
                            input.recordedOn()));
                }
            });
        }, error -> ScreeningInvitationPayload.failed(error, cmid));
    }

    /** The screening service records attendance, non-attendance, ceasing or cancellation. */
    public ScreeningInvitationPayload recordEvent(Caller caller, RecordScreeningEventInput input) {
        requireScope(caller, "invitations:write", EVENT);
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "recordScreeningEvent", cmid, ScreeningInvitationPayload.class,
                () -> byExternalId(input.externalId(), cmid, EVENT, caller, invitation -> {
                    Optional<InvitationStatus> next = input.event() == null ? Optional.empty()
                            : Lifecycle.after(input.event(), invitation.getStatus());
                    if (next.isEmpty()) {
                        return invalidTransition(invitation, "event");
                    }
                    invitation.moveTo(next.get(), caller, "integration", clock.instant());
                    return null;
                }, saved -> {
                }), error -> ScreeningInvitationPayload.failed(error, cmid));
    }

    private interface Change {
        UserError apply(ScreeningInvitation invitation);
    }

    private ScreeningInvitationPayload byExternalId(String externalId, String cmid, String action, Caller caller,
            Change change, java.util.function.Consumer<ScreeningInvitation> afterSave) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ScreeningInvitation> found = externalId == null ? Optional.empty()
                    : invitations.findByExternalId(externalId);
            if (found.isEmpty()) {
                return ScreeningInvitationPayload.failed(UserError.of("NOT_FOUND", "externalId", "No such invitation"),
                        cmid);
            }
            ScreeningInvitation invitation = found.get();
            audit.record(caller, invitation.getPatientNhsNumber(), action, AuditOutcome.ALLOWED);
            UserError refused = change.apply(invitation);
            if (refused != null) {
                return ScreeningInvitationPayload.failed(refused, cmid);
            }
            try {
                ScreeningInvitation saved = invitations.save(invitation);
                afterSave.accept(saved);
                return ScreeningInvitationPayload.of(saved, cmid);
            } catch (OptimisticLockingFailureException concurrentChange) {
                // the patient or a job changed it meanwhile: read it again and re-check the transition
            }
        }
        return ScreeningInvitationPayload.failed(UserError.of("VERSION_CONFLICT", "externalId",
                "The invitation kept changing; try again"), cmid);
    }

    /**
     * The patient answers their own invitation. Another patient's invitation gets the same answer as a missing one.
     * Booking needs a future time no later than the last day to respond.
     */
    public ScreeningInvitationPayload respond(Caller caller, RespondToScreeningInvitationInput input) {
        try {
            Access.requireKind(caller, CallerKind.PATIENT);
        } catch (AccessDeniedException denied) {
            audit.record(caller, null, RESPONDED, AuditOutcome.DENIED);
            throw denied;
        }
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "respondToScreeningInvitation", cmid, ScreeningInvitationPayload.class, () -> {
            // with the patient's NHS number (the shard key: one shard answers); by id alone only when it is not theirs,
            // so the refusal is audited against the invitation's patient
            Optional<ScreeningInvitation> found = input.invitationId() == null ? Optional.empty()
                    : invitations.findByIdAndPatientNhsNumber(input.invitationId(), caller.nhsNumber())
                            .or(() -> invitations.findById(input.invitationId()));
            if (found.isPresent() && !found.get().getPatientNhsNumber().equals(caller.nhsNumber())) {
                audit.record(caller, found.get().getPatientNhsNumber(), RESPONDED, AuditOutcome.DENIED);
                found = Optional.empty();
            }
            if (found.isEmpty()) {
                return ScreeningInvitationPayload.failed(UserError.of("NOT_FOUND", "invitationId",
                        "No such invitation"), cmid);
            }
            ScreeningInvitation invitation = found.get();
            audit.record(caller, invitation.getPatientNhsNumber(), RESPONDED, AuditOutcome.ALLOWED);
            if (input.response() == null || !invitation.getAllowedResponses().contains(input.response())) {
                return ScreeningInvitationPayload.failed(UserError.of("INVALID_TRANSITION", "response",
                        "You cannot " + input.response() + " an invitation that is " + invitation.getStatus()
                                + "; you can: " + invitation.getAllowedResponses()), cmid);
            }
            UserError problem = apply(invitation, input, caller);
            if (problem != null) {
                return ScreeningInvitationPayload.failed(problem, cmid);
            }
            try {
                return ScreeningInvitationPayload.of(invitations.save(invitation), cmid);
            } catch (OptimisticLockingFailureException concurrentChange) {
                return ScreeningInvitationPayload.failed(UserError.of("VERSION_CONFLICT", "invitationId",
                        "The invitation changed meanwhile; reload it and try again"), cmid);
            }
        }, error -> ScreeningInvitationPayload.failed(error, cmid));
    }

    private UserError apply(ScreeningInvitation invitation, RespondToScreeningInvitationInput input, Caller caller) {
        Response response = input.response();
        if (response == Response.BOOK || response == Response.RESCHEDULE) {
            Instant at = input.appointmentAt() == null ? null : input.appointmentAt().toInstant();
            Instant lastMoment = invitation.getRespondBy().plusDays(1).atStartOfDay(ENGLAND).toInstant();
            if (at == null || !at.isAfter(clock.instant()) || !at.isBefore(lastMoment)) {
                return UserError.of("INVALID_APPOINTMENT", "appointmentAt", "Choose a time in the future, no later "
                        + "than " + invitation.getRespondBy());
            }
            String location = input.location() == null || input.location().isBlank() ? "To be confirmed"
                    : input.location().strip();
            if (Texts.characters(location) > 200) {
                return UserError.of("TOO_LONG", "location", "At most 200 characters");
            }
            invitation.book(new ScreeningInvitation.Appointment(at, location));
        } else if (response == Response.CANCEL_BOOKING) {
            invitation.cancelBooking();
        } else if (response == Response.REQUEST_KIT) {
            invitation.requestKit(today());
        } else if (response == Response.OPT_OUT) {
            String key = invitation.getPatientNhsNumber() + ":" + invitation.getProgramme();
            mongo.save(new Document("_id", key).append("nhsNumber", invitation.getPatientNhsNumber())
                    .append("programme", invitation.getProgramme().name()).append("at", clock.instant()), OPT_OUTS);
        } else if (response == Response.OPT_IN) {
            mongo.remove(Query.query(Criteria.where("_id").is(invitation.getPatientNhsNumber() + ":"
                    + invitation.getProgramme())), OPT_OUTS);
        }
        invitation.moveTo(Lifecycle.after(response, invitation.getStatus()), caller, "app", clock.instant());
        return null;
    }

    /** A patient's invitations, newest first: the patient themself, clinical staff and support. */
    public Window<ScreeningInvitation> invitationsOf(Caller caller, String nhsNumber, ScrollPosition after, int count) {
        return audit.auditedRead(caller, nhsNumber, READ, () -> {
            boolean own = caller != null && caller.is(CallerKind.PATIENT) && nhsNumber.equals(caller.nhsNumber());
            if (!own) {
                Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL);
            }
        }, () -> invitations.findByPatientNhsNumber(nhsNumber, after, Limit.of(count), NEWEST_FIRST));
    }

    /**
     * The patient's newest invitations (at most {@code count}), unaudited: only for features that have already
     * checked and audited the caller's access to this patient (an export, say).
     */
    public List<ScreeningInvitation> alreadyAuthorised(String nhsNumber, int count) {
        return invitations.findByPatientNhsNumber(nhsNumber, ScrollPosition.keyset(), Limit.of(count), NEWEST_FIRST)
                .getContent();
    }

    private void requireScope(Caller caller, String scope, String action) {
        try {
            Access.requireScope(caller, scope);
        } catch (AccessDeniedException denied) {
            audit.record(caller, null, action, AuditOutcome.DENIED);
            throw denied;
        }
    }

    private static UserError invalidTransition(ScreeningInvitation invitation, String field) {
        return UserError.of("INVALID_TRANSITION", field, "Not possible for an invitation that is "
                + invitation.getStatus());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
