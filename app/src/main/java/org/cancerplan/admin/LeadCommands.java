package org.cancerplan.admin;

import java.util.List;
import java.util.stream.Collectors;

import org.cancerplan.lead.LeadInputs.ContactInput;
import org.cancerplan.lead.LeadInputs.DeactivateNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadPayload;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadService;
import org.cancerplan.shared.UserError;
import org.springframework.context.annotation.Profile;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The lead directory: list, deactivate, hand a caseload over. */
@Component
@Profile("admin")
class LeadCommands implements CommandSet {

    private final LeadService leads;

    private final Operator operator;

    private final JsonMapper json;

    LeadCommands(LeadService leads, Operator operator, JsonMapper json) {
        this.leads = leads;
        this.operator = operator;
        this.json = json;
    }

    @Command(name = { "lead", "list" }, description = "The leads, filtered by neighbourhood or organisation")
    String list(@Option(longName = "neighbourhood", description = "only this neighbourhood") String neighbourhood,
            @Option(longName = "organisation", description = "only this ODS code") String organisation,
            @Option(longName = "all", description = "inactive leads too", defaultValue = "false") Boolean all,
            @Option(longName = "json", description = "print JSON", defaultValue = "false") Boolean asJson) {
        var page = leads
            .list(operator.caller(), neighbourhood, organisation, !Boolean.TRUE.equals(all), ScrollPosition.keyset(),
                    1000)
            .getContent();
        if (Boolean.TRUE.equals(asJson)) {
            return json.writeValueAsString(page);
        }
        return page.stream()
            .map(lead -> lead.id() + "  " + lead.name() + "  " + lead.organisation() + "  " + lead.neighbourhood()
                    + "  caseload " + leads.caseloadSize(operator.caller(), lead) + "/" + lead.caseloadLimit()
                    + (lead.active() ? "" : "  inactive"))
            .collect(Collectors.joining("\n"));
    }

    @Command(name = { "lead", "add" }, description = "Register a lead")
    String add(@Option(longName = "name", required = true, description = "full name") String name,
            @Option(longName = "role", required = true, description = "e.g. Cancer care coordinator") String role,
            @Option(longName = "organisation", required = true, description = "ODS code") String organisation,
            @Option(longName = "neighbourhood", required = true, description = "neighbourhood") String neighbourhood,
            @Option(longName = "caseload-limit", description = "1 to 1000", defaultValue = "60") Integer limit,
            @Option(longName = "phone", description = "phone") String phone,
            @Option(longName = "email", description = "email") String email, @Option(longName = "staff-id",
                    description = "the staff identity (token sub) that signs in as the lead") String staffId) {
        NeighbourhoodLeadPayload result = leads.register(operator.caller(),
                new RegisterNeighbourhoodLeadInput(name, role, organisation, neighbourhood, limit,
                        phone == null && email == null ? null : new ContactInput(phone, email), staffId, null));
        if (!result.errors().isEmpty()) {
            throw AdminFailure.badUsage(result.errors()
                .stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        }
        return "Added " + result.lead().name() + " (" + result.lead().id() + ")";
    }

    @Command(name = { "lead", "deactivate" }, description = "Deactivate a lead (their caseload must be handed over)")
    String deactivate(@Argument(index = 0, description = "the lead's id") String leadId) {
        NeighbourhoodLeadPayload result = leads.deactivate(operator.caller(),
                new DeactivateNeighbourhoodLeadInput(leadId, null));
        failOn(result.errors());
        return "Deactivated " + result.lead().name();
    }

    @Command(name = { "lead", "handover" }, description = "Move a lead's caseload to another lead or a neighbourhood")
    String handover(
            @Option(longName = "from", description = "the lead giving up the caseload", required = true) String from,
            @Option(longName = "to", description = "the lead taking it") String to,
            @Option(longName = "neighbourhood",
                    description = "spread it over this neighbourhood's leads") String neighbourhood,
            @Option(longName = "reason", description = "why") String reason) {
        if ((to == null) == (neighbourhood == null)) {
            throw AdminFailure.badUsage("Give either --to <lead id> or --neighbourhood <name>");
        }
        HandOverCaseloadPayload result = leads.handOver(operator.caller(),
                new HandOverCaseloadInput(from, to, neighbourhood, reason));
        String summary = "Moved " + result.moved() + " plans; " + result.remaining() + " remain with the old lead";
        if (!result.errors().isEmpty()) {
            throw new AdminFailure(
                    result.errors().get(0).code().equals("NOT_FOUND") ? AdminFailure.NOT_FOUND : AdminFailure.FAILED,
                    summary + ". " + result.errors().get(0).message());
        }
        return summary;
    }

    private static void failOn(List<UserError> errors) {
        if (!errors.isEmpty()) {
            UserError first = errors.get(0);
            throw new AdminFailure("NOT_FOUND".equals(first.code()) ? AdminFailure.NOT_FOUND : AdminFailure.FAILED,
                    first.message());
        }
    }

}
