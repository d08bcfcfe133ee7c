package org.cancerplan.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the admin shell ({@code cancerplan.admin.*}).
 *
 * @param operator who runs the shell, named in every audit event (what ./ops/admin
 * --operator NAME sets); the OS user unless set (application-admin.yml)
 * @param debug print a stack trace with a failure's one line, and Spring Boot's report
 * when the shell cannot start
 * @param interactive open the interactive shell when no command is given after --
 */
@ConfigurationProperties(AdminSettings.PREFIX)
record AdminSettings(String operator, @DefaultValue("false") boolean debug, @DefaultValue("true") boolean interactive) {

    static final String PREFIX = "cancerplan.admin";

}
