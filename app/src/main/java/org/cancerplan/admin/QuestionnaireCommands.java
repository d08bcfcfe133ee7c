package org.cancerplan.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.cancerplan.assessment.Questionnaire;
import org.cancerplan.assessment.Questionnaires;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/** {@code questionnaires list}. */
@Component
@Profile("admin")
class QuestionnaireCommands implements CommandSet {

    private final Questionnaires questionnaires;

    QuestionnaireCommands(Questionnaires questionnaires) {
        this.questionnaires = questionnaires;
    }

    @Command(name = { "questionnaires", "list" },
            description = "The questionnaires patients can be asked, every version, with their items by domain")
    String list() {
        return questionnaires.all().stream().map(QuestionnaireCommands::line).collect(Collectors.joining("\n"));
    }

    private static String line(Questionnaire questionnaire) {
        Map<String, Long> byDomain = questionnaire.items()
            .stream()
            .collect(Collectors.groupingBy(item -> item.domain().name().toLowerCase().replace('_', ' '), TreeMap::new,
                    Collectors.counting()));
        return questionnaire.id() + " v" + questionnaire.version() + "  " + questionnaire.title() + "  "
                + questionnaire.items().size() + " items ("
                + byDomain.entrySet()
                    .stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))
                + ")";
    }

}
