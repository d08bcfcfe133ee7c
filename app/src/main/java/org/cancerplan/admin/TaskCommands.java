package org.cancerplan.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.cancerplan.lead.LeadService;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.task.Task;
import org.cancerplan.task.Tasks;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A lead's worklist, for support answering "what is waiting with whom". */
@Component
@Profile("admin")
class TaskCommands implements CommandSet {

    static final int LIMIT = 1000;

    private final Tasks tasks;

    private final LeadService leads;

    private final Operator operator;

    private final JsonMapper json;

    private final Clock clock;

    TaskCommands(Tasks tasks, LeadService leads, Operator operator, JsonMapper json, Clock clock) {
        this.tasks = tasks;
        this.leads = leads;
        this.operator = operator;
        this.json = json;
        this.clock = clock;
    }

    @Command(name = { "tasks", "list" },
            description = "A lead's open and in-progress tasks, most urgent first (each patient is audited)")
    String list(@Option(longName = "lead", required = true, description = "the lead's id") String leadId,
            @Option(longName = "overdue", description = "only those past their due date") boolean overdue,
            @Option(longName = "json", description = "print JSON") boolean asJson) {
        NeighbourhoodLead lead = leads.find(operator.caller(), leadId)
            .orElseThrow(() -> AdminFailure.notFound("No lead " + leadId));
        List<Task> found = tasks.ofLead(operator.caller(), lead, overdue, LIMIT);
        if (asJson) {
            return json.writeValueAsString(found);
        }
        if (found.isEmpty()) {
            return "No " + (overdue ? "overdue" : "open") + " tasks for " + lead.name();
        }
        LocalDate today = LocalDate.now(clock);
        return found.stream()
            .map(task -> String.join("  ", task.getId(), task.getPriority().name(), task.getStatus().name(),
                    "due " + task.getDueBy() + (task.isOverdue(today) ? " (overdue)" : ""), task.getPatientNhsNumber(),
                    task.getKind().name(), task.getSummary()))
            .collect(Collectors.joining("\n"));
    }

}
