package org.cancerplan.fhir;

import java.time.Instant;
import java.time.LocalDate;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * FHIR values as the bundle writes them: organisations by ODS code, codes, dates, and
 * constants as words.
 */
final class FhirValues {

    private FhirValues() {
    }

    static Reference organisation(String odsCode) {
        return new Reference().setType("Organization")
            .setIdentifier(new Identifier().setSystem(PatientBundle.ODS_SYSTEM).setValue(odsCode));
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    static String words(String constant) {
        String text = constant.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** From a day to a day; either may be open. */
    static Period period(LocalDate from, LocalDate to) {
        return new Period().setStartElement(dateTime(from)).setEndElement(dateTime(to));
    }

    static DateType date(LocalDate date) {
        return date == null ? null : new DateType(date.toString());
    }

    static DateTimeType dateTime(LocalDate date) {
        return date == null ? null : new DateTimeType(date.toString());
    }

    static DateTimeType dateTime(Instant instant) {
        return instant == null ? null : new DateTimeType(instant.toString());
    }

}
