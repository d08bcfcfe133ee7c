package org.cancerplan.patient;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface PatientRepository extends MongoRepository<Patient, String> {

    Optional<Patient> findByNhsNumber(String nhsNumber);

    List<Patient> findByNhsNumberIn(Collection<String> nhsNumbers);

}
