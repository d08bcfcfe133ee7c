package org.cancerplan.shared;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Dates as every input path reads them (API, admin shell, CSV): {@code YYYY-MM-DD} with a
 * four-digit year, and a day that does not exist ({@code 2026-09-31}) is refused, never
 * moved to a real one.
 */
public final class Dates {

    private static final DateTimeFormatter YYYY_MM_DD = new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR, 4)
        .appendLiteral('-')
        .appendValue(ChronoField.MONTH_OF_YEAR, 2)
        .appendLiteral('-')
        .appendValue(ChronoField.DAY_OF_MONTH, 2)
        .toFormatter(Locale.ROOT)
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);

    private Dates() {
    }

    /**
     * @throws DateTimeParseException for anything but an existing day written as
     * {@code YYYY-MM-DD}
     */
    public static LocalDate parse(String text) {
        return LocalDate.parse(text, YYYY_MM_DD);
    }

}
