package org.cancerplan.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.cancerplan.messages.Message.Part;
import org.cancerplan.shared.England;

/**
 * What a message says, in plain English, from its parts: the latest part's title, and
 * each part's sentence in the order the changes happened. Texts about a plan, a lead, a
 * summary, an assessment or a follow-up request say that something changed and where to
 * look, never the clinical detail itself.
 */
final class MessageTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' h:mma", Locale.UK);

    private MessageTexts() {
    }

    record Text(String title, String body) {
    }

    static Text of(List<Part> parts) {
        Part latest = parts.get(parts.size() - 1);
        return new Text(title(latest),
                parts.stream().map(MessageTexts::sentence).distinct().collect(Collectors.joining(" ")));
    }

    static String title(Part part) {
        String programme = programme(part.fields());
        return switch (part.kind()) {
            case INVITATION_ISSUED -> "Your " + programme + " screening invitation";
            case INVITATION_REMINDED -> "Reminder: your " + programme + " screening invitation";
            case APPOINTMENT_BOOKED -> "Your " + programme + " screening appointment is booked";
            case APPOINTMENT_MOVED -> "Your " + programme + " screening appointment has moved";
            case APPOINTMENT_CANCELLED -> "Your " + programme + " screening appointment is cancelled";
            case PLAN_SHARED -> "Your personalised cancer plan is ready";
            case PLAN_TREATMENTS_CHANGED -> "Your cancer plan has been updated";
            case PLAN_CARE_TEAM_CHANGED -> "Your care team has changed";
            case LEAD_ASSIGNED -> "You have a neighbourhood cancer lead";
            case LEAD_CHANGED -> "Your neighbourhood cancer lead has changed";
            case TREATMENT_SUMMARY_ISSUED -> "Your treatment summary is ready";
            case ASSESSMENT_REQUESTED -> "Please answer a questionnaire about your needs";
            case FOLLOW_UP_PICKED_UP -> "Your care team is looking at your request";
        };
    }

    static String sentence(Part part) {
        Map<String, String> fields = part.fields();
        String programme = programme(fields);
        return switch (part.kind()) {
            case INVITATION_ISSUED -> "You are invited for " + programme + " screening. Please reply in the app by "
                    + day(fields.get("respondBy")) + ".";
            case INVITATION_REMINDED -> "You have not yet replied to your invitation for " + programme
                    + " screening. Please reply in the app by " + day(fields.get("respondBy")) + ".";
            case APPOINTMENT_BOOKED -> "Your appointment is on " + when(fields.get("appointmentAt")) + ", at "
                    + fields.getOrDefault("location", "a place to be confirmed") + ".";
            case APPOINTMENT_MOVED -> "Your appointment is now on " + when(fields.get("appointmentAt")) + ", at "
                    + fields.getOrDefault("location", "a place to be confirmed") + ".";
            case APPOINTMENT_CANCELLED -> "Your appointment on " + when(fields.get("appointmentAt"))
                    + " is cancelled. You can book another in the app until " + day(fields.get("respondBy")) + ".";
            case PLAN_SHARED -> "Your care team has shared your cancer plan with you. Open it in the app to see"
                    + " your diagnosis, your treatment and the support on offer.";
            case PLAN_TREATMENTS_CHANGED ->
                "Your care team has changed the treatments in your plan. Open your plan" + " in the app to see them.";
            case PLAN_CARE_TEAM_CHANGED ->
                "The people looking after you have changed. Open your plan in the app to" + " see your care team.";
            case LEAD_ASSIGNED -> lead(fields) + " is now your neighbourhood cancer lead, and will coordinate"
                    + " your care after treatment.";
            case LEAD_CHANGED -> lead(fields) + " is now your neighbourhood cancer lead, and will coordinate"
                    + " your care from now on.";
            case TREATMENT_SUMMARY_ISSUED -> "Your care team has written a summary of your treatment and what"
                    + " happens next. Read it in the app.";
            case ASSESSMENT_REQUESTED ->
                "Your care team would like you to answer \"" + fields.getOrDefault("questionnaire", "a questionnaire")
                        + "\" in the app by " + day(fields.get("dueBy")) + ", so they know what support you need.";
            case FOLLOW_UP_PICKED_UP ->
                "Someone in your care team has picked up your request and will be in" + " touch.";
        };
    }

    private static String programme(Map<String, String> fields) {
        String programme = fields.get("programme");
        return programme == null ? "cancer" : programme.toLowerCase(Locale.UK);
    }

    private static String lead(Map<String, String> fields) {
        String name = fields.get("leadName");
        return name == null || name.isBlank() ? "A named person" : name;
    }

    private static String day(String isoDate) {
        return isoDate == null ? "the date in your invitation" : DAY.format(LocalDate.parse(isoDate));
    }

    private static String when(String isoInstant) {
        if (isoInstant == null) {
            return "the date you booked";
        }
        return WHEN.format(Instant.parse(isoInstant).atZone(England.ZONE)).replace("AM", "am").replace("PM", "pm");
    }

}
