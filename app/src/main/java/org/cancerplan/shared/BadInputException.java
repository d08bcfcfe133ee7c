package org.cancerplan.shared;

/**
 * A request argument the service cannot use (a malformed cursor, a negative page size);
 * reported as a GraphQL error with {@code extensions.code} {@code BAD_USER_INPUT} and,
 * where known, the argument it concerns in {@code extensions.argument}.
 */
public class BadInputException extends RuntimeException {

    private final String argument;

    public BadInputException(String message) {
        this(null, message);
    }

    /**
     * @param argument the argument (or argument path, e.g. {@code input.from}) the
     * message is about
     */
    public BadInputException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /** The argument the message is about, or {@code null}. */
    public String argument() {
        return argument;
    }

}
