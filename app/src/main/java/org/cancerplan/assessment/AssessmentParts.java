package org.cancerplan.assessment;

/** The parts of an {@link Assessment}. */
public final class AssessmentParts {

    private AssessmentParts() {
    }

    public enum AssessmentStatus {

        /** Asked for; the patient sees it as due. */
        REQUESTED,
        /** Answered. */
        SUBMITTED,
        /** The patient said no to it. */
        DECLINED

    }

    /**
     * One answer, of the kind its item asks: a score, yes or no, an option's code, or
     * text.
     *
     * @param concern whether the answer reached the item's threshold of concern
     */
    public record Answer(String itemId, Integer score, Boolean yes, String choice, String text, boolean wantsToDiscuss,
            boolean concern) {
    }

}
