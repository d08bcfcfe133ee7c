package org.cancerplan.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
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
 * The audit trail: every read or change of a patient's data, and every refused attempt,
 * is written here before the data is touched. A failed audit write fails the request, so
 * no access goes unaudited.
 */
@Service
public class AuditLog {

    public static final String ACCESS_LOG_READ = "ACCESS_LOG_READ";

    /**
     * Ties within a millisecond by id ascending: Spring Data's keyset scrolling always
     * orders the id so.
     */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("at"), Sort.Order.asc("id"));

    /**
     * Every kind of actor but the patient, named one by one, so that the store walks
     * index patient_actor_time under each, newest first, and never steps over the
     * patient's own reads. (An event without an actor could not be shown: the log's actor
     * kind is required.)
     */
    private static final Set<CallerKind> OTHERS_THAN_THE_PATIENT = EnumSet.complementOf(EnumSet.of(CallerKind.PATIENT));

    private final MongoTemplate mongo;

    private final AuditEventRepository events;

    private final Clock clock;

    AuditLog(MongoTemplate mongo, AuditEventRepository events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks access before a change: a refusal is audited as denied and rethrown; an
     * allowed change is audited before the caller goes on to write.
     */
    public void allowChange(Caller caller, String patientNhsNumber, String action, Runnable check) {
        checkOrRecordDenied(caller, patientNhsNumber, action, check);
        record(caller, patientNhsNumber, action, AuditOutcome.ALLOWED);
    }

    /**
     * Like {@link #allowChange}, for reads: inside a GraphQL request over HTTP the
     * allowed event is written with the request's other reads in one insert before the
     * response is sent (a failed write withholds the response); elsewhere it is written
     * before the read.
     */
    public <T> T auditedRead(Caller caller, String patientNhsNumber, String action, Runnable check, Supplier<T> work) {
        checkOrRecordDenied(caller, patientNhsNumber, action, check);
        recordAllowedReads(caller, List.of(patientNhsNumber), action);
        return work.get();
    }

    /**
     * Checks who may call before anything is read: a refusal is audited as denied, naming
     * no patient, and rethrown; an allowed caller goes on to the checks and audits of the
     * patients it acts on.
     */
    public void allowCaller(Caller caller, String action, Runnable check) {
        checkOrRecordDenied(caller, null, action, check);
    }

    /** Runs the access check; a refusal is written at once as denied and rethrown. */
    private void checkOrRecordDenied(Caller caller, String patientNhsNumber, String action, Runnable check) {
        try {
            check.run();
        }
        catch (AccessDeniedException denied) {
            record(caller, patientNhsNumber, action, AuditOutcome.DENIED);
            throw denied;
        }
    }

    /**
     * Allowed reads of several patients' data (a caseload page, say), written as
     * {@link #auditedRead} says.
     */
    public void recordAllowedReads(Caller caller, List<String> patientNhsNumbers, String action) {
        List<AuditEvent> reads = patientNhsNumbers.stream()
            .map(nhsNumber -> event(caller, nhsNumber, action, AuditOutcome.ALLOWED))
            .toList();
        ReadAudits pending = ReadAudits.current();
        if (pending != null) {
            pending.add(reads);
        }
        else {
            write(reads);
        }
    }

    void write(List<AuditEvent> events) {
        if (!events.isEmpty()) {
            mongo.insertAll(events);
        }
    }

    public void record(Caller caller, String patientNhsNumber, String action, AuditOutcome outcome) {
        mongo.insert(event(caller, patientNhsNumber, action, outcome));
    }

    /**
     * Records allowed accesses to several patients with one write (a batch feed, say).
     */
    public void recordAllowed(Caller caller, List<String> patientNhsNumbers, String action) {
        if (!patientNhsNumbers.isEmpty()) {
            mongo.insertAll(patientNhsNumbers.stream()
                .map(nhsNumber -> event(caller, nhsNumber, action, AuditOutcome.ALLOWED))
                .toList());
        }
    }

    /**
     * The patient's own access log, newest first: who else (staff, integrations, support)
     * read or changed their record. The patient's own reads are audited but not shown.
     * Needs P9 proofing: the log names the organisations caring for them.
     */
    public Window<AuditEvent> accessLog(Caller caller, ScrollPosition after, int count) {
        return auditedRead(caller, caller == null ? null : caller.nhsNumber(), ACCESS_LOG_READ,
                () -> Access.requireClinicallyProofedPatient(caller),
                () -> events.findByPatientNhsNumberAndActorKindIn(caller.nhsNumber(), OTHERS_THAN_THE_PATIENT, after,
                        Limit.of(count), NEWEST_FIRST));
    }

    /**
     * Audit events matching the filters, newest first (support operators only); the
     * search itself is audited when it names a patient.
     */
    public List<AuditEvent> search(Caller caller, String patientNhsNumber, Instant since, String actorId, int limit) {
        if (caller == null || !caller.is(CallerKind.SUPPORT)) {
            throw new AccessDeniedException("Searching the audit trail is for support operators");
        }
        Query query = new Query();
        if (patientNhsNumber != null) {
            query.addCriteria(Criteria.where("patientNhsNumber").is(patientNhsNumber));
            record(caller, patientNhsNumber, "AUDIT_SEARCHED", AuditOutcome.ALLOWED);
        }
        if (since != null) {
            query.addCriteria(Criteria.where("at").gte(since));
        }
        if (actorId != null) {
            query.addCriteria(Criteria.where("actorId").is(actorId));
        }
        return mongo.find(query.with(Sort.by(Sort.Order.desc("at"))).limit(limit), AuditEvent.class);
    }

    private AuditEvent event(Caller caller, String patientNhsNumber, String action, AuditOutcome outcome) {
        return new AuditEvent(null, clock.instant(), caller == null ? null : caller.kind(),
                caller == null ? null : caller.subject(), caller == null ? null : caller.name(),
                caller == null ? null : caller.organisation(), patientNhsNumber, action, outcome,
                CorrelationId.current());
    }

}
