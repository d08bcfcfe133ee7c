package org.cancerplan.lead;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface LeadRepository extends MongoRepository<NeighbourhoodLead, String> {

    Optional<NeighbourhoodLead> findByStaffId(String staffId);

    List<NeighbourhoodLead> findByNeighbourhoodAndActiveTrueOrderByIdAsc(String neighbourhood);

}
