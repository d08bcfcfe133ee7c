package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.cancerplan.plan.Pathway.PathwayEvent;
import org.cancerplan.plan.PlanInputs.CareTeamMemberInput;
import org.cancerplan.plan.PlanInputs.DiagnosisInput;
import org.cancerplan.plan.PlanInputs.GoalInput;
import org.cancerplan.plan.PlanInputs.NeedInput;
import org.cancerplan.plan.PlanInputs.TreatmentInput;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Contact;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.Goal;
import org.cancerplan.plan.PlanParts.GoalStatus;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanParts.NeedReporter;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.plan.PlanParts.TreatmentStatus;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;

/**
 * Turns plan inputs into plan parts, collecting every problem as a {@link UserError}
 * naming its input field. Free text is kept exactly as given (it is never read as HTML),
 * within length limits.
 */
final class PlanRules {

    static final int MAX_ITEMS = 50;
    static final int SHORT_TEXT = 100;
    static final int LONG_TEXT = 500;
    static final int SUMMARY_TEXT = 4000;

    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");

    static final Pattern PHONE = Pattern.compile("^[0-9+() -]{6,30}$");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,}$");

    private final CancerTypes cancerTypes;

    private final LocalDate today;

    private final List<UserError> errors = new ArrayList<>();

    PlanRules(CancerTypes cancerTypes, LocalDate today) {
        this.cancerTypes = cancerTypes;
        this.today = today;
    }

    List<UserError> errors() {
        return List.copyOf(errors);
    }

    boolean ok() {
        return errors.isEmpty();
    }

    Diagnosis diagnosis(DiagnosisInput input, String field) {
        if (input == null) {
            errors.add(UserError.of("REQUIRED", field, "A diagnosis is required"));
            return null;
        }
        var type = cancerTypes.find(input.cancerTypeCode());
        if (type.isEmpty()) {
            errors.add(UserError.of("INVALID_CANCER_TYPE", field + ".cancerTypeCode",
                    "Not an ICD-10 neoplasm code in C00-D48, e.g. C18.7"));
        }
        text(input.stage(), field + ".stage", 50, false);
        notFuture(input.diagnosedOn(), field + ".diagnosedOn");
        return type
            .map(t -> new Diagnosis(t, cancerTypes.isRare(t.code()), blankToNull(input.stage()), input.diagnosedOn()))
            .orElse(null);
    }

    List<CareTeamMember> careTeam(List<CareTeamMemberInput> inputs, String field) {
        return items(inputs, field, (input, path) -> {
            text(input.role(), path + ".role", SHORT_TEXT, true);
            text(input.name(), path + ".name", SHORT_TEXT, true);
            String organisation = odsCode(input.organisation(), path + ".organisation");
            Contact contact = null;
            if (input.contact() != null) {
                matches(input.contact().phone(), PHONE, path + ".contact.phone", "Not a phone number");
                matches(input.contact().email(), EMAIL, path + ".contact.email", "Not an email address");
                contact = new Contact(blankToNull(input.contact().phone()), blankToNull(input.contact().email()));
            }
            return new CareTeamMember(input.role(), input.name(), organisation, contact);
        });
    }

    List<Treatment> treatments(List<TreatmentInput> inputs, String field) {
        return items(inputs, field, (input, path) -> {
            if (input.modality() == null) {
                errors.add(UserError.of("REQUIRED", path + ".modality", "A treatment needs a modality"));
            }
            if (input.startDate() != null && input.endDate() != null && input.endDate().isBefore(input.startDate())) {
                errors.add(UserError.of("DATES_OUT_OF_ORDER", path + ".endDate", "The end date is before the start"));
            }
            String provider = odsCode(input.providerOrganisation(), path + ".providerOrganisation");
            return new Treatment(idOrNew(input.id()), input.modality(), input.intent(),
                    input.status() == null ? TreatmentStatus.PLANNED : input.status(), input.startDate(),
                    input.endDate(), provider);
        });
    }

    List<Need> needs(List<NeedInput> inputs, String field) {
        return items(inputs, field, (input, path) -> {
            if (input.domain() == null) {
                errors.add(UserError.of("REQUIRED", path + ".domain", "A need has a domain"));
            }
            text(input.concern(), path + ".concern", LONG_TEXT, true);
            int severity = input.severity() == null ? 0 : input.severity();
            if (severity < 0 || severity > 10) {
                errors.add(UserError.of("OUT_OF_RANGE", path + ".severity", "Severity is 0 to 10"));
            }
            notFuture(input.assessedOn(), path + ".assessedOn");
            return new Need(input.domain(), input.concern(), severity,
                    input.assessedOn() == null ? today : input.assessedOn(), NeedReporter.STAFF, null);
        });
    }

    List<Goal> goals(List<GoalInput> inputs, String field) {
        return items(inputs, field, (input, path) -> {
            text(input.description(), path + ".description", LONG_TEXT, true);
            return new Goal(idOrNew(input.id()), input.description(),
                    input.status() == null ? GoalStatus.ACTIVE : input.status(), input.dueDate());
        });
    }

    void summary(String summary, String field) {
        text(summary, field, SUMMARY_TEXT, false);
    }

    /** Checks a pathway milestone: not in the future and in order with the others. */
    Pathway pathway(Pathway pathway, PathwayEvent event, LocalDate on, String field) {
        if (on == null) {
            errors.add(UserError.of("REQUIRED", field, "The date is required"));
            return pathway;
        }
        notFuture(on, field);
        Pathway next = pathway.with(event, on);
        if (next.diagnosisCommunicatedOn() != null && next.cancerRuledOutOn() != null) {
            errors.add(UserError.of("CONFLICTING_OUTCOME", field,
                    "A pathway cannot both communicate a cancer diagnosis and rule cancer out"));
        }
        List<LocalDate> inOrder = new ArrayList<>();
        for (LocalDate date : new LocalDate[] { next.referralReceivedOn(), next.diagnosisOutcomeOn(),
                next.decisionToTreatOn(), next.firstTreatmentOn() }) {
            if (date != null) {
                if (!inOrder.isEmpty() && date.isBefore(inOrder.get(inOrder.size() - 1))) {
                    errors.add(UserError.of("DATES_OUT_OF_ORDER", field, "Pathway dates must be in order: referral, "
                            + "diagnosis outcome, decision to treat, first treatment"));
                    return pathway;
                }
                inOrder.add(date);
            }
        }
        return next;
    }

    interface ItemRule<I, O> {

        O apply(I input, String path);

    }

    private <I, O> List<O> items(List<I> inputs, String field, ItemRule<I, O> rule) {
        return items(inputs, field, MAX_ITEMS, rule);
    }

    <I, O> List<O> items(List<I> inputs, String field, int max, ItemRule<I, O> rule) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > max) {
            errors.add(UserError.of("TOO_MANY_ITEMS", field, "At most " + max + " items"));
            return List.of();
        }
        List<O> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            items.add(rule.apply(inputs.get(i), field + "[" + i + "]"));
        }
        return items;
    }

    void error(UserError error) {
        errors.add(error);
    }

    void text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(UserError.of("REQUIRED", field, "Required"));
            }
        }
        else if (Texts.characters(value) > max) {
            errors.add(UserError.of("TOO_LONG", field, "At most " + max + " characters"));
        }
    }

    private String odsCode(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase();
        matches(code, ODS_CODE, field, "An ODS code is 3 to 10 letters and digits");
        return code;
    }

    void matches(String value, Pattern pattern, String field, String message) {
        if (value != null && !value.isBlank() && !pattern.matcher(value.strip()).matches()) {
            errors.add(UserError.of("INVALID_FORMAT", field, message));
        }
    }

    void notFuture(LocalDate date, String field) {
        if (date != null && date.isAfter(today)) {
            errors.add(UserError.of("DATE_IN_FUTURE", field, "The date is in the future"));
        }
    }

    private static String idOrNew(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
