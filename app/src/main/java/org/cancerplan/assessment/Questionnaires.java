package org.cancerplan.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.cancerplan.assessment.Questionnaire.AnswerKind;
import org.cancerplan.assessment.Questionnaire.Item;
import org.cancerplan.assessment.Questionnaire.Option;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The questionnaires the service can ask, loaded at start from
 * {@code questionnaires/*.json} on the class path (in the repository under
 * {@code app/src/main/resources/questionnaires}). A file that does not describe a sound
 * questionnaire stops the start, naming the file and what is wrong.
 */
@Component
public class Questionnaires {

    static final String LOCATION = "classpath*:questionnaires/*.json";

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,49}$");

    private static final int MAX_TEXT = 300;

    private final List<Questionnaire> all;

    Questionnaires() {
        this(LOCATION);
    }

    Questionnaires(String location) {
        JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
        List<Questionnaire> loaded = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (Resource file : files(location)) {
            Questionnaire questionnaire = read(json, file);
            if (!versions.add(questionnaire.id() + " v" + questionnaire.version())) {
                throw invalid(file, questionnaire.id() + " version " + questionnaire.version() + " is defined twice");
            }
            loaded.add(questionnaire);
        }
        loaded.sort(Comparator.comparing(Questionnaire::id).thenComparing(Questionnaire::version));
        this.all = List.copyOf(loaded);
    }

    /** Every version of every questionnaire, by id then version. */
    public List<Questionnaire> all() {
        return all;
    }

    public Optional<Questionnaire> find(String id, int version) {
        return all.stream().filter(q -> q.id().equals(id) && q.version() == version).findFirst();
    }

    /** The newest version of a questionnaire: the one new requests ask. */
    public Optional<Questionnaire> latest(String id) {
        return all.stream().filter(q -> q.id().equals(id)).reduce((older, newer) -> newer);
    }

    private static Resource[] files(String location) {
        try {
            return new PathMatchingResourcePatternResolver().getResources(location);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the questionnaires at " + location, e);
        }
    }

    private static Questionnaire read(JsonMapper json, Resource file) {
        Questionnaire questionnaire;
        try (InputStream in = file.getInputStream()) {
            questionnaire = json.readValue(in, Questionnaire.class);
        }
        catch (IOException | JacksonException | NullPointerException e) {
            throw invalid(file, "not a questionnaire: " + e.getMessage());
        }
        check(file, questionnaire);
        return questionnaire;
    }

    private static void check(Resource file, Questionnaire q) {
        require(file, q.id() != null && ID.matcher(q.id()).matches(), "id must be lower-case letters, digits and -");
        require(file, q.version() >= 1, "version must be 1 or more");
        require(file, q.title() != null && !q.title().isBlank() && q.title().length() <= MAX_TEXT, "title is required");
        require(file, !q.items().isEmpty(), "a questionnaire has items");
        Set<String> ids = new HashSet<>();
        for (Item item : q.items()) {
            String at = "item " + item.id() + ": ";
            require(file, item.id() != null && ID.matcher(item.id()).matches() && ids.add(item.id()),
                    at + "each item needs an id of its own (lower-case letters, digits and -)");
            require(file, item.text() != null && !item.text().isBlank() && item.text().length() <= MAX_TEXT,
                    at + "text is required, at most " + MAX_TEXT + " characters");
            require(file, item.domain() != null, at + "domain is required");
            require(file, item.answerKind() != null, at + "answerKind is required");
            checkAnswers(file, at, item);
        }
    }

    private static void checkAnswers(Resource file, String at, Item item) {
        boolean score = item.answerKind() == AnswerKind.SCORE;
        require(file, score == (item.minScore() != null && item.maxScore() != null),
                at + "minScore and maxScore go with SCORE, and only with it");
        if (score) {
            require(file, item.minScore() < item.maxScore(), at + "minScore must be below maxScore");
            require(file,
                    item.concernAt() == null
                            || item.concernAt() >= item.minScore() && item.concernAt() <= item.maxScore(),
                    at + "concernAt must be within the scores");
        }
        else {
            require(file, item.concernAt() == null, at + "concernAt goes with SCORE only");
        }
        boolean choice = item.answerKind() == AnswerKind.CHOICE;
        require(file, choice ? item.options().size() >= 2 : item.options().isEmpty(),
                at + "a CHOICE has two options or more, and no other kind has options");
        Set<String> codes = new HashSet<>();
        for (Option option : item.options()) {
            require(file,
                    option.code() != null && !option.code().isBlank() && codes.add(option.code())
                            && option.display() != null && !option.display().isBlank(),
                    at + "each option needs a code of its own and a display");
        }
        Set<String> allowed = item.answerKind() == AnswerKind.YES_NO ? Set.of("YES", "NO") : codes;
        require(file, item.concernOptions().stream().allMatch(allowed::contains),
                at + "concernOptions must name the item's own answers");
    }

    private static void require(Resource file, boolean holds, String problem) {
        if (!holds) {
            throw invalid(file, problem);
        }
    }

    private static InvalidQuestionnaireException invalid(Resource file, String problem) {
        return new InvalidQuestionnaireException("Questionnaire " + file.getFilename() + ": " + problem);
    }

}
