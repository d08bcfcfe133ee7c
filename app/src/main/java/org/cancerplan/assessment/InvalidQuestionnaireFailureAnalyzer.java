package org.cancerplan.assessment;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unsound questionnaire file into a short start-up failure report that names the
 * file and the problem, instead of a stack trace.
 */
class InvalidQuestionnaireFailureAnalyzer extends AbstractFailureAnalyzer<InvalidQuestionnaireException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidQuestionnaireException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct or remove the file in app/src/main/resources/questionnaires (the README's "
                        + "\"Care after treatment\" says what a questionnaire holds); a published version is never "
                        + "edited, a change is a new version in a file of its own.",
                cause);
    }

}
