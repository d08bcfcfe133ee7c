package org.cancerplan.shared;

import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * CSV read and written by Jackson CSV: quoted cells may hold commas, doubled quotes and
 * line breaks, lines may end in CRLF or LF, and a byte-order mark at the start is
 * skipped.
 */
public final class Csv {

    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private static final CsvMapper MAPPER = CsvMapper.builder()
        .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
        .disable(CsvWriteFeature.WRITE_LINEFEED_AFTER_LAST_ROW)
        .build();

    private Csv() {
    }

    /**
     * A record of the file, numbered as a spreadsheet shows it: the first record (the
     * header) is row 1, a blank line is a row, and a quoted cell over several lines
     * leaves its record one row. A record that is not valid CSV has a {@code problem} and
     * the cells that could be read.
     */
    public record Row(long number, List<String> cells, String problem) {

        /** An empty or whitespace-only line. */
        public boolean isBlank() {
            return problem == null && cells.size() == 1 && cells.get(0).isBlank();
        }
    }

    /** The records of a CSV, read one at a time. */
    public static Rows read(Reader source) throws IOException {
        PushbackReader reader = new PushbackReader(source);
        int first = reader.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return new Rows(MAPPER.createParser(reader));
    }

    /**
     * Cells as one line of CSV (without its line end), each quoted when it needs to be.
     */
    public static String line(List<String> cells) {
        return MAPPER.writeValueAsString(cells);
    }

    /** Records in the order of the file; closing closes the reader. */
    public static final class Rows implements Closeable {

        private final JsonParser parser;

        private long number;

        private Rows(JsonParser parser) {
            this.parser = parser;
        }

        /** The next record, or null after the last. */
        public Row next() throws IOException {
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                number++;
                List<String> cells = new ArrayList<>();
                String problem = null;
                while (true) {
                    try {
                        if (parser.nextToken() == JsonToken.END_ARRAY) {
                            return new Row(number, cells, problem);
                        }
                        cells.add(parser.getString());
                    }
                    catch (StreamReadException | StreamConstraintsException malformed) {
                        // the parser has moved past the fault: read on to the end of the
                        // record
                        problem = problem != null ? problem : malformed.getOriginalMessage();
                    }
                }
            }
            catch (JacksonIOException unreadable) {
                throw unreadable.getCause();
            }
        }

        @Override
        public void close() {
            parser.close();
        }

    }

}
