package org.cancerplan.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.messages.Message.Part;
import org.cancerplan.messages.Message.Relay;
import org.cancerplan.messages.Message.RelayState;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.screening.OptOuts;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Turns what a change tells the patient into part of a message: the message about the
 * same subject in the same period ({@link MessageSettings#combineWithin()}) if there is
 * one, a new one otherwise. Recording a part again (after a crash, from a stale copy of
 * an outbox) finds it already there and adds nothing. Nothing is recorded for a patient
 * whose death is recorded, or who has opted out of the screening programme it is about.
 */
@Service
class Messages {

    private static final Logger log = LoggerFactory.getLogger(Messages.class);

    /** An intent and the aggregate whose outbox held it. */
    record Source(String collection, String documentId, MessageIntent intent) {

        String partKey() {
            return collection + ":" + documentId + ":" + intent.key();
        }

        String aboutId() {
            return intent.aboutId() != null ? intent.aboutId() : documentId;
        }

    }

    /** Why a part was not recorded. */
    enum Suppression {

        DECEASED, OPTED_OUT

    }

    private final MongoTemplate mongo;

    private final PatientService patients;

    private final OptOuts optOuts;

    private final MessageSettings settings;

    private final MeterRegistry meters;

    private final Clock clock;

    Messages(MongoTemplate mongo, PatientService patients, OptOuts optOuts, MessageSettings settings,
            MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.patients = patients;
        this.optOuts = optOuts;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Records each intent as a part of its message, unless suppressed; with one read of
     * the patients and one of the opt-outs for the lot.
     */
    void record(Collection<Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        Map<String, Patient> people = patients
            .alreadyAuthorised(sources.stream().map(source -> source.intent().nhsNumber()).distinct().toList())
            .stream()
            .collect(Collectors.toMap(Patient::nhsNumber, Function.identity()));
        Set<String> optedOut = optOuts.optedOutOf(
                sources.stream().map(Messages::optOutKey).filter(key -> key != null).collect(Collectors.toSet()));
        for (Source source : sources) {
            Patient patient = people.get(source.intent().nhsNumber());
            Suppression suppression = patient != null && patient.isDeceased() ? Suppression.DECEASED
                    : optedOut.contains(optOutKey(source)) ? Suppression.OPTED_OUT : null;
            if (suppression != null) {
                meters
                    .counter("cancerplan.messages.suppressed", "kind", source.intent().kind().name(), "reason",
                            suppression.name())
                    .increment();
                continue;
            }
            record(source);
        }
    }

    /**
     * The opt-out that would stop a message about a screening programme, if it is one.
     */
    private static String optOutKey(Source source) {
        String programme = source.intent().fields().get("programme");
        return programme == null ? null : OptOuts.key(source.intent().nhsNumber(), programme);
    }

    private void record(Source source) {
        MessageIntent intent = source.intent();
        String messageId = messageId(intent.nhsNumber(), intent.aboutKind(), source.aboutId(), intent.at());
        Part part = new Part(source.partKey(), intent.kind(), intent.at(), intent.fields());
        Query notYetThere = Query.query(Criteria.where("_id")
            .is(messageId)
            .and("patientNhsNumber")
            .is(intent.nhsNumber())
            .and("parts.key")
            .ne(part.key()));
        Update addOrCreate = addPart(part).setOnInsert("about", new Message.About(intent.aboutKind(), source.aboutId()))
            .setOnInsert("clinical", intent.kind().isClinical())
            .setOnInsert("createdAt", intent.at())
            .setOnInsert("relay", new Relay(RelayState.PENDING, sendAfter(messageId, intent.at()),
                    reference(messageId, 0), 0, null, null, null, null, null, null, null, 0, List.of()));
        try {
            if (mongo.upsert(notYetThere, addOrCreate, Message.class).getUpsertedId() != null) {
                meters.counter("cancerplan.messages.created", "kind", intent.kind().name()).increment();
            }
        }
        catch (DuplicateKeyException messageExists) {
            // the message exists: with this part (nothing to do) or without it
            mongo.updateFirst(notYetThere, addPart(part), Message.class);
        }
        log.debug("Recorded {} in message {}", part.key(), messageId);
    }

    private Update addPart(Part part) {
        return new Update().push("parts", part).set("kind", part.kind()).set("updatedAt", clock.instant());
    }

    /**
     * The message about a subject in the period of {@code at}: the same for every part of
     * it.
     */
    String messageId(String nhsNumber, String aboutKind, String aboutId, Instant at) {
        long period = at.toEpochMilli() / settings.combineWithin().toMillis();
        return Sha256.hex(nhsNumber + "|" + aboutKind + "|" + aboutId + "|" + period).substring(0, 24);
    }

    /**
     * When a message may go: at the end of its period, so the period's changes go
     * together, plus up to a sixtieth of the period (a minute, for an hour) by its id, so
     * the period's messages do not all fall due, and reach the gateway, at one instant.
     */
    private Instant sendAfter(String messageId, Instant at) {
        long length = settings.combineWithin().toMillis();
        long periodEnd = (at.toEpochMilli() / length + 1) * length;
        return Instant.ofEpochMilli(periodEnd + Math.floorMod(messageId.hashCode(), Math.max(1, length / 60)));
    }

    /**
     * The gateway's message reference for a message's {@code resend}th sending (0 for the
     * first): a UUID made from the message's id, so the same sending always has the same
     * reference.
     */
    static String reference(String messageId, int resend) {
        return UUID.nameUUIDFromBytes(("message:" + messageId + ":" + resend).getBytes()).toString();
    }

}
