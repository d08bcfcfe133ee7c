package org.cancerplan.audit;

import java.util.Collection;

import org.cancerplan.security.CallerKind;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.Repository;

/**
 * Reads of the audit trail. There is deliberately no update or delete: events are
 * appended by {@link AuditLog}.
 */
interface AuditEventRepository extends Repository<AuditEvent, String> {

    Window<AuditEvent> findByPatientNhsNumberAndActorKindIn(String patientNhsNumber, Collection<CallerKind> kinds,
            ScrollPosition position, Limit limit, Sort sort);

}
