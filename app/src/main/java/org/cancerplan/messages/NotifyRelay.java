package org.cancerplan.messages;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.cancerplan.messages.Message.RelayState;
import org.cancerplan.messages.NotifyGateway.Accepted;
import org.cancerplan.messages.NotifyGateway.AlreadySent;
import org.cancerplan.messages.NotifyGateway.Outcome;
import org.cancerplan.messages.NotifyGateway.Refused;
import org.cancerplan.messages.NotifyGateway.TryAgain;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.screening.OptOuts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due messages to the gateway. Each instance takes a message by a lease in the
 * store (a conditional update from PENDING to SENDING, naming the instance), so two never
 * send it at once; an outcome is written only while the lease is still the instance's. A
 * message whose instance stopped mid-send is taken again once its lease ends and sent
 * with the same reference, which the gateway recognises. Retries wait
 * {@link NotifySettings#firstRetryAfter()}, doubled each time up to
 * {@link NotifySettings#longestRetryAfter()} (with jitter), or the gateway's
 * {@code Retry-After} when longer; a message the gateway refuses, or has not taken after
 * {@link NotifySettings#maxAttempts()}, is FAILED, and the others go on.
 */
@Component
class NotifyRelay {

    static final String CONTROL = "notifyRelay";

    private static final Logger log = LoggerFactory.getLogger(NotifyRelay.class);

    private final MongoTemplate mongo;

    private final NotifyGateway gateway;

    private final NotifySettings settings;

    private final PatientService patients;

    private final OptOuts optOuts;

    private final MeterRegistry meters;

    private final Clock clock;

    private final String owner;

    private final ExecutorService senders;

    private final AtomicLong claims = new AtomicLong();

    @Autowired
    NotifyRelay(MongoTemplate mongo, NotifyGateway gateway, NotifySettings settings, PatientService patients,
            OptOuts optOuts, MeterRegistry meters, Clock clock) {
        this(mongo, gateway, settings, patients, optOuts, meters, clock, hostName() + "/" + UUID.randomUUID());
    }

    NotifyRelay(MongoTemplate mongo, NotifyGateway gateway, NotifySettings settings, PatientService patients,
            OptOuts optOuts, MeterRegistry meters, Clock clock, String owner) {
        this.mongo = mongo;
        this.gateway = gateway;
        this.settings = settings;
        this.patients = patients;
        this.optOuts = optOuts;
        this.meters = meters;
        this.clock = clock;
        this.owner = owner;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "notify-relay-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException unknown) {
            return "unknown-host";
        }
    }

    @Scheduled(fixedDelayString = "${cancerplan.notify.poll-interval:" + NotifySettings.DEFAULT_POLL_INTERVAL + "}",
            initialDelayString = "${cancerplan.notify.poll-interval:" + NotifySettings.DEFAULT_POLL_INTERVAL + "}")
    void poll() {
        if (!settings.enabled()) {
            return;
        }
        MDC.clear();
        try {
            relayDue();
        }
        catch (RuntimeException failed) {
            log.warn("Could not relay messages now; the next poll tries again: {}", failed.toString());
        }
    }

    /**
     * Sends the messages due when it starts, batch after batch, until none is left or the
     * relay is paused; returns how many it took. A message to be tried again later waits
     * for a later pass.
     */
    int relayDue() {
        Instant start = clock.instant();
        int taken = 0;
        while (!isPaused()) {
            List<Message> batch = claim(start);
            if (batch.isEmpty()) {
                break;
            }
            send(batch);
            taken += batch.size();
        }
        return taken;
    }

    boolean isPaused() {
        Document control = mongo.findById("relay", Document.class, CONTROL);
        return control != null && Boolean.TRUE.equals(control.getBoolean("paused"));
    }

    /**
     * Takes up to a batch of due messages: those pending whose time has come, and those
     * whose sender's lease ran out. Another instance may take some first (each message is
     * changed by one write at a time, on the condition that it is still due); those are
     * left to it.
     */
    private List<Message> claim(Instant due) {
        Instant now = clock.instant();
        List<String> candidates = new ArrayList<>();
        candidates
            .addAll(candidates(Criteria.where("relay.state").is(RelayState.SENDING).and("relay.leaseUntil").lt(due)));
        candidates
            .addAll(candidates(Criteria.where("relay.state").is(RelayState.PENDING).and("relay.notBefore").lte(due)));
        if (candidates.isEmpty()) {
            return List.of();
        }
        // one conditional write takes those still due, naming this claim as the lease's
        // holder; that name then finds what this claim took
        String holder = owner + "#" + claims.incrementAndGet();
        Instant leaseUntil = now.plus(settings.lease());
        mongo.updateMulti(
                Query.query(Criteria.where("_id")
                    .in(candidates)
                    .orOperator(Criteria.where("relay.state").is(RelayState.PENDING).and("relay.notBefore").lte(due),
                            Criteria.where("relay.state").is(RelayState.SENDING).and("relay.leaseUntil").lt(due))),
                new Update().set("relay.state", RelayState.SENDING)
                    .set("relay.leaseOwner", holder)
                    .set("relay.leaseUntil", leaseUntil),
                Message.class);
        return mongo.find(Query.query(Criteria.where("_id")
            .in(candidates)
            .and("relay.state")
            .is(RelayState.SENDING)
            .and("relay.leaseOwner")
            .is(holder)), Message.class);
    }

    private List<String> candidates(Criteria due) {
        Query query = Query.query(due).with(Sort.by("relay.notBefore")).limit(settings.batch());
        query.fields().include("_id");
        return mongo.find(query, Message.class).stream().map(Message::getId).toList();
    }

    /**
     * Sends a batch, {@link NotifySettings#concurrency()} at a time, after checking again
     * that each patient may still be written to.
     */
    private void send(List<Message> batch) {
        Set<String> deceased = patients
            .alreadyAuthorised(batch.stream().map(Message::getPatientNhsNumber).distinct().toList())
            .stream()
            .filter(Patient::isDeceased)
            .map(Patient::nhsNumber)
            .collect(Collectors.toSet());
        Map<Message, String> programmeOptOuts = new LinkedHashMap<>();
        for (Message message : batch) {
            String programme = message.getParts().get(0).fields().get("programme");
            if (programme != null) {
                programmeOptOuts.put(message, OptOuts.key(message.getPatientNhsNumber(), programme));
            }
        }
        Set<String> optedOut = optOuts.optedOutOf(programmeOptOuts.values());
        List<Future<?>> sending = new ArrayList<>();
        for (Message message : batch) {
            if (deceased.contains(message.getPatientNhsNumber())) {
                suppress(message, "the patient's death is recorded");
                continue;
            }
            if (optedOut.contains(programmeOptOuts.get(message))) {
                suppress(message, "the patient opted out of the programme");
                continue;
            }
            sending.add(senders.submit(() -> sendOne(message)));
        }
        for (Future<?> one : sending) {
            try {
                one.get();
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (ExecutionException failed) {
                log.warn("Sending a message failed: {}", failed.getCause().toString());
            }
        }
    }

    private void sendOne(Message message) {
        String routingPlan = settings.routingPlan(message.getKind());
        if (routingPlan == null) {
            finish(message, "failed", failed("no routing plan is configured for " + message.getKind()
                    + " (cancerplan.notify.routing-plans." + message.getKind() + " or .DEFAULT)"));
            return;
        }
        MessageTexts.Text text = MessageTexts.of(message.getParts());
        Outcome outcome = gateway.send(new NotifyGateway.Request(routingPlan, message.getRelay().reference(),
                message.getPatientNhsNumber(), message.getId(), Map.of("title", text.title(), "body", text.body())));
        if (outcome instanceof Accepted accepted) {
            // with the gateway's first status, unless a status callback came before this
            // write
            if (written(message, Criteria.where("relay.messageStatus").isNull(),
                    sent(null).set("relay.gatewayMessageId", accepted.gatewayMessageId())
                        .set("relay.messageStatus", accepted.messageStatus()))) {
                counted(message, "sent");
            }
            else {
                finish(message, "sent", sent(null).set("relay.gatewayMessageId", accepted.gatewayMessageId()));
            }
        }
        else if (outcome instanceof AlreadySent already) {
            finish(message, "duplicate", sent("the gateway had it already: " + already.detail()));
        }
        else if (outcome instanceof TryAgain again) {
            int attempts = message.getRelay().attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                finish(message, "failed",
                        failed("not taken after " + attempts + " attempts, the last: " + again.reason())
                            .set("relay.attempts", attempts));
            }
            else {
                Duration wait = retryAfter(attempts, again.retryAfter());
                finish(message, "retry",
                        new Update().set("relay.state", RelayState.PENDING)
                            .set("relay.attempts", attempts)
                            .set("relay.notBefore", clock.instant().plus(wait))
                            .set("relay.lastError", again.reason()));
                log.info("Message {} not taken ({}); attempt {} in {}", message.getId(), again.reason(), attempts + 1,
                        wait);
            }
        }
        else if (outcome instanceof Refused refused) {
            finish(message, "failed", failed("refused: " + refused.reason()));
        }
    }

    /** The wait before attempt {@code attempts + 1}. */
    Duration retryAfter(int attempts, Duration gatewaySaid) {
        long first = settings.firstRetryAfter().toMillis();
        long doubled = first << Math.min(attempts - 1, 30);
        long capped = Math.min(doubled <= 0 ? Long.MAX_VALUE : doubled, settings.longestRetryAfter().toMillis());
        // up to a fifth more, so instances and messages that failed together spread out
        long jittered = capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return gatewaySaid != null && gatewaySaid.toMillis() > jittered ? gatewaySaid : Duration.ofMillis(jittered);
    }

    private Update sent(String note) {
        Update sent = new Update().set("relay.state", RelayState.SENT).set("relay.sentAt", clock.instant());
        return note == null ? sent.unset("relay.lastError") : sent.set("relay.lastError", note);
    }

    private static Update failed(String reason) {
        return new Update().set("relay.state", RelayState.FAILED).set("relay.lastError", reason);
    }

    private void suppress(Message message, String reason) {
        finish(message, "suppressed",
                new Update().set("relay.state", RelayState.SUPPRESSED).set("relay.lastError", reason));
    }

    /** Writes an outcome if the lease is still this instance's. */
    private void finish(Message message, String outcome, Update update) {
        if (!written(message, null, update)) {
            log.warn("Message {}: the lease ran out before its outcome ({}) was written; another instance has it",
                    message.getId(), outcome);
            return;
        }
        counted(message, outcome);
    }

    /**
     * Writes an outcome if the lease is still this instance's and the message matches
     * {@code also}.
     */
    private boolean written(Message message, Criteria also, Update update) {
        Criteria stillOurs = Criteria.where("_id")
            .is(message.getId())
            .and("relay.state")
            .is(RelayState.SENDING)
            .and("relay.leaseOwner")
            .is(message.getRelay().leaseOwner());
        Query query = Query.query(also == null ? stillOurs : stillOurs.andOperator(also));
        return mongo.updateFirst(query, update.unset("relay.leaseOwner").unset("relay.leaseUntil"), Message.class)
            .getModifiedCount() > 0;
    }

    private void counted(Message message, String outcome) {
        meters.counter("cancerplan.notify.relayed", "kind", message.getKind().name(), "outcome", outcome).increment();
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

}
