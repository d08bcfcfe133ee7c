package org.cancerplan.assessment;

/**
 * Start-up refused because a questionnaire file does not describe a sound questionnaire.
 */
public class InvalidQuestionnaireException extends IllegalStateException {

    InvalidQuestionnaireException(String message) {
        super(message);
    }

}
