package org.cancerplan.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.cancerplan.assessment.Questionnaire.AnswerKind;
import org.cancerplan.plan.PlanParts.NeedDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class QuestionnairesTest {

    private static final String SCORE = """
            {"id": "pain", "text": "Pain", "domain": "PHYSICAL", "answerKind": "SCORE", "minScore": 0,
             "maxScore": 10, "concernAt": 5}""";

    @TempDir
    Path folder;

    @Test
    void theRepositorysQuestionnairesLoadWithTheirItems() {
        Questionnaires questionnaires = new Questionnaires();

        assertThat(questionnaires.all()).extracting(q -> q.id() + " v" + q.version())
            .containsExactly("holistic-needs v1", "quality-of-life v1");
        Questionnaire needs = questionnaires.find("holistic-needs", 1).orElseThrow();
        assertThat(needs.items()).extracting(Questionnaire.Item::domain)
            .contains(NeedDomain.PHYSICAL, NeedDomain.MENTAL_HEALTH, NeedDomain.PRACTICAL, NeedDomain.FAMILY,
                    NeedDomain.SPIRITUAL, NeedDomain.INFORMATION);
        assertThat(needs.items()).filteredOn(item -> item.answerKind() == AnswerKind.SCORE)
            .allSatisfy(item -> assertThat(item.minScore() + "-" + item.maxScore()).isEqualTo("0-10"));
        assertThat(questionnaires.find("holistic-needs", 2)).isEmpty();
    }

    @Test
    void theLatestVersionIsTheHighestAndEachVersionStaysFindable() throws IOException {
        write("a-v1.json", questionnaire("a", 1, SCORE));
        write("a-v2.json", questionnaire("a", 2, SCORE));

        Questionnaires questionnaires = load();

        assertThat(questionnaires.latest("a")).map(Questionnaire::version).contains(2);
        assertThat(questionnaires.find("a", 1)).isPresent();
        assertThat(questionnaires.latest("b")).isEmpty();
    }

    @Test
    void anUnsoundFileStopsTheLoadNamingTheFileAndTheProblem() throws IOException {
        assertRefused(questionnaire("a", 1, SCORE + "," + SCORE), "item pain: each item needs an id of its own");
        assertRefused(questionnaire("a", 1, SCORE.replace("\"maxScore\": 10,", "")),
                "item pain: minScore and maxScore go with SCORE");
        assertRefused(questionnaire("a", 1, SCORE.replace("\"concernAt\": 5", "\"concernAt\": 11")),
                "concernAt must be within the scores");
        assertRefused(questionnaire("a", 1, """
                {"id": "mood", "text": "Mood", "domain": "MENTAL_HEALTH", "answerKind": "CHOICE",
                 "options": [{"code": "OK", "display": "OK"}, {"code": "LOW", "display": "Low"}],
                 "concernOptions": ["SAD"]}"""), "item mood: concernOptions must name the item's own answers");
        assertRefused(questionnaire("a", 1, SCORE.replace("PHYSICAL", "BODILY")), "not a questionnaire");
        assertRefused(questionnaire("a", 1, SCORE.replace("\"text\"", "\"colour\": \"red\", \"text\"")),
                "not a questionnaire");
        assertRefused(questionnaire("A b", 1, SCORE), "id must be lower-case letters, digits and -");
        assertRefused(questionnaire("a", 0, SCORE), "version must be 1 or more");
    }

    @Test
    void aVersionDefinedTwiceIsRefused() throws IOException {
        write("a-v1.json", questionnaire("a", 1, SCORE));
        write("copy.json", questionnaire("a", 1, SCORE));

        assertThatThrownBy(this::load).hasMessageContaining("a version 1 is defined twice");
    }

    @Test
    void anUnsoundFileEndsTheStartWithAReportNamingItNotAStackTrace() throws IOException {
        write("bad.json", questionnaire("a", 0, SCORE));
        Throwable failure = new BeanCreationException("questionnaires", "Failed to instantiate",
                catchThrowable(this::load));

        // the analyzers registered in spring.factories (those that need no constructor
        // arguments)
        List<FailureAnalysis> analyses = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, (type, implementation, notInstantiable) -> {
            })
            .stream()
            .map(analyzer -> analyzer.analyze(failure))
            .filter(Objects::nonNull)
            .toList();

        assertThat(analyses).singleElement().satisfies(analysis -> {
            assertThat(analysis.getDescription()).isEqualTo("Questionnaire bad.json: version must be 1 or more");
            assertThat(analysis.getAction()).contains("a change is a new version");
        });
    }

    private void assertRefused(String content, String problem) throws IOException {
        Path file = write("bad.json", content);
        assertThatThrownBy(this::load).isInstanceOf(InvalidQuestionnaireException.class)
            .hasMessageStartingWith("Questionnaire bad.json: ")
            .hasMessageContaining(problem);
        Files.delete(file);
    }

    private Questionnaires load() {
        return new Questionnaires("file:" + folder + "/*.json");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static String questionnaire(String id, int version, String items) {
        return "{\"id\": \"" + id + "\", \"version\": " + version + ", \"title\": \"T\", \"items\": [" + items + "]}";
    }

}
