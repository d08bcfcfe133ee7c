package org.cancerplan.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.cancerplan.lead.LeadInputs.ContactInput;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;

/** Checks of the lead directory's inputs; each problem names its field. */
final class LeadRules {

    static final int MAX_CASELOAD = 1000;

    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");

    private static final Pattern PHONE = Pattern.compile("^[0-9+() -]{6,30}$");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,}$");

    private final List<UserError> errors = new ArrayList<>();

    List<UserError> errors() {
        return List.copyOf(errors);
    }

    LeadRules text(String value, String field) {
        if (value == null || value.isBlank() || Texts.characters(value) > 100) {
            errors.add(UserError.of("INVALID_TEXT", field, "Required, at most 100 characters"));
        }
        return this;
    }

    LeadRules organisation(String value, String field) {
        if (value == null || !ODS_CODE.matcher(value.strip().toUpperCase()).matches()) {
            errors.add(UserError.of("INVALID_ODS_CODE", field, "An ODS code is 3 to 10 letters and digits"));
        }
        return this;
    }

    LeadRules caseloadLimit(Integer value, String field) {
        if (value == null || value < 1 || value > MAX_CASELOAD) {
            errors.add(UserError.of("OUT_OF_RANGE", field, "The caseload limit is 1 to " + MAX_CASELOAD));
        }
        return this;
    }

    LeadRules contact(ContactInput contact, String field) {
        if (contact != null) {
            if (contact.phone() != null && !PHONE.matcher(contact.phone().strip()).matches()) {
                errors.add(UserError.of("INVALID_FORMAT", field + ".phone", "Not a phone number"));
            }
            if (contact.email() != null && !EMAIL.matcher(contact.email().strip()).matches()) {
                errors.add(UserError.of("INVALID_FORMAT", field + ".email", "Not an email address"));
            }
        }
        return this;
    }

    static NeighbourhoodLead.Contact toContact(ContactInput contact) {
        return contact == null ? null
                : new NeighbourhoodLead.Contact(blankToNull(contact.phone()), blankToNull(contact.email()));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
