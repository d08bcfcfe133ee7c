package org.cancerplan.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing setting into a short start-up failure report that names it, instead of
 * a stack trace.
 */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.setting() + " (see the README's configuration table), or run the local mode "
                        + "with --spring.profiles.active=local for a try-out with demo identities.",
                cause);
    }

}
