package org.cancerplan.shared;

/**
 * Text limits count characters as people see them: code points, so an emoji is one
 * character, not two.
 */
public final class Texts {

    private Texts() {
    }

    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

}
