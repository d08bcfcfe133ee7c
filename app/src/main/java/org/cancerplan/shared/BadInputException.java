package org.cancerplan.shared;

/** A request argument the service cannot use (a malformed cursor, a negative page size); reported as BAD_REQUEST. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
