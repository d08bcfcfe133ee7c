package org.cancerplan.security;

/** Start-up refused because a setting the chosen mode needs is missing. */
public class MissingSettingException extends IllegalStateException {

    private final String setting;

    public MissingSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

}
