package org.cancerplan.admin;

import org.cancerplan.security.Caller;
import org.springframework.stereotype.Component;

/**
 * The operator running the admin shell: {@code cancerplan.admin.operator} (what
 * {@code ./ops/admin --operator NAME} sets), else the OS user. Commands act as a support
 * caller with this name, so it is in every audit event.
 */
@Component
public class Operator {

    private final String name;

    Operator(AdminSettings settings) {
        String configured = settings.operator();
        this.name = configured == null || configured.isBlank() ? "unknown" : configured.strip();
    }

    public Caller caller() {
        return Caller.support("operator:" + name);
    }

}
