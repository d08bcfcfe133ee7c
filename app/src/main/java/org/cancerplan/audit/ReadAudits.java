package org.cancerplan.audit;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.context.ContextRegistry;

/**
 * The allowed reads of one GraphQL request over HTTP, written together in one insert when
 * the request's response is ready and before it is sent ({@link ReadAuditFlush}); if that
 * write fails the response carries no data. It follows the request onto GraphQL's threads
 * like the correlation id. Outside such a request (WebSocket, admin shell) there is none
 * and each read is written before it happens.
 */
final class ReadAudits {

    private static final ThreadLocal<ReadAudits> CURRENT = new ThreadLocal<>();

    static {
        ContextRegistry.getInstance()
            .registerThreadLocalAccessor("cancerplan.readAudits", CURRENT::get, CURRENT::set, CURRENT::remove);
    }

    private final List<AuditEvent> events = new ArrayList<>();

    static ReadAudits current() {
        return CURRENT.get();
    }

    static ReadAudits open() {
        ReadAudits audits = new ReadAudits();
        CURRENT.set(audits);
        return audits;
    }

    static void close() {
        CURRENT.remove();
    }

    synchronized void add(List<AuditEvent> more) {
        events.addAll(more);
    }

    /** The events so far, which are then no longer held. */
    synchronized List<AuditEvent> drain() {
        List<AuditEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

}
