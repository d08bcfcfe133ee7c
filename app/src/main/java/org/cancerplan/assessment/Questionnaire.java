package org.cancerplan.assessment;

import java.util.List;

import org.cancerplan.plan.PlanParts.NeedDomain;

/**
 * A questionnaire as its file describes it: one version of it, never changed once
 * published (a change is a new version), so answers are always read against the questions
 * that were asked. {@code holisticNeedsAssessment}: whether answering it is a holistic
 * needs assessment, as the national cancer dataset counts them.
 */
public record Questionnaire(String id, int version, String title, boolean holisticNeedsAssessment, List<Item> items) {

    public enum AnswerKind {

        /** A whole number from {@code minScore} to {@code maxScore}. */
        SCORE,
        /** Yes or no. */
        YES_NO,
        /** One of the item's options. */
        CHOICE,
        /** Free text. */
        TEXT

    }

    public record Option(String code, String display) {
    }

    /**
     * One question. {@code concernAt}: the score from which a SCORE answer is a concern;
     * {@code concernOptions}: the option codes (or {@code YES}) that are a concern.
     */
    public record Item(String id, String text, NeedDomain domain, AnswerKind answerKind, Integer minScore,
            Integer maxScore, List<Option> options, Integer concernAt, List<String> concernOptions) {

        public Item {
            options = options == null ? List.of() : List.copyOf(options);
            concernOptions = concernOptions == null ? List.of() : List.copyOf(concernOptions);
        }
    }

    public Questionnaire {
        items = List.copyOf(items);
    }

}
