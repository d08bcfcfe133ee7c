package org.cancerplan.screening;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.repository.MongoRepository;

interface InvitationRepository extends MongoRepository<ScreeningInvitation, String> {

    List<ScreeningInvitation> findByExternalIdIn(Collection<String> externalIds);

    Optional<ScreeningInvitation> findByExternalId(String externalId);

    List<ScreeningInvitation> findByPatientNhsNumberAndStatusIn(String patientNhsNumber,
            Collection<InvitationStatus> statuses);

    Optional<ScreeningInvitation> findByIdAndPatientNhsNumber(String id, String patientNhsNumber);

    Window<ScreeningInvitation> findByPatientNhsNumber(String patientNhsNumber, ScrollPosition position, Limit limit,
            Sort sort);

}
