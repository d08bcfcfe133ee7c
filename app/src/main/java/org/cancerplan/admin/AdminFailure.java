package org.cancerplan.admin;

/**
 * Why an admin command failed, and the exit status that says so: {@value #BAD_USAGE} for
 * bad usage or input, {@value #NOT_FOUND} when what was named does not exist,
 * {@value #FAILED} for anything else.
 */
public class AdminFailure extends RuntimeException {

    public static final int FAILED = 1;

    public static final int BAD_USAGE = 2;

    public static final int NOT_FOUND = 3;

    private final int exitCode;

    public AdminFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static AdminFailure notFound(String message) {
        return new AdminFailure(NOT_FOUND, message);
    }

    public static AdminFailure badUsage(String message) {
        return new AdminFailure(BAD_USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }

}
