package org.cancerplan.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cancerplan.screening.Programme;
import org.cancerplan.screening.ScreeningInputs.InvitationItem;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsInput;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsPayload;
import org.cancerplan.screening.ScreeningService;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.Csv;
import org.cancerplan.shared.Csv.Row;
import org.cancerplan.shared.Csv.Rows;
import org.cancerplan.shared.Dates;
import org.cancerplan.shared.UserError;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Bulk-issues invitations from a CSV
 * ({@code externalId,nhsNumber,programme,invitedOn,respondBy[,selfReferral]}) in batches
 * through the same service, checks and idempotence as the API. Rows that cannot be issued
 * go to a reject file with their row number (as a spreadsheet shows it, the header being
 * row 1) and reason; re-running a file issues nothing twice.
 */
@Component
@Profile("admin")
class InvitationImport {

    static final int BATCH = 1000;

    private static final Pattern ITEM = Pattern.compile("^invitations\\[(\\d+)]");

    private static final List<String> COLUMNS = List.of("externalid", "nhsnumber", "programme", "invitedon",
            "respondby");

    private final ScreeningService screening;

    InvitationImport(ScreeningService screening) {
        this.screening = screening;
    }

    /** What an import did. */
    record Summary(long rows, long issued, long alreadyIssued, long rejected, Path rejects, double rowsPerSecond) {
    }

    /** A row read and waiting in the batch to be issued. */
    private record Batched(long row, List<String> cells, InvitationItem item) {
    }

    Summary run(Caller caller, Path file, Path rejectsFile, PrintStream progress) {
        long total = countRows(file);
        long started = System.nanoTime();
        long rows = 0;
        long issued = 0;
        long already = 0;
        long rejected = 0;
        try (Rows csv = Csv.read(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                BufferedWriter rejects = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8)) {
            rejects.write("line,code,field,message,row\n");
            List<String> names = header(csv.next());
            int[] columns = columns(names);
            List<Batched> batch = new ArrayList<>();
            Row row;
            while ((row = csv.next()) != null) {
                if (row.isBlank()) {
                    continue;
                }
                rows++;
                String problem = parse(row, names.size(), columns, batch);
                if (problem != null) {
                    reject(rejects, row.number(), "INVALID_ROW", "", problem, row.cells());
                    rejected++;
                }
                if (batch.size() == BATCH) {
                    long[] counts = issue(caller, batch, rejects);
                    issued += counts[0];
                    already += counts[1];
                    rejected += counts[2];
                    batch.clear();
                    bar(progress, rows, total, started);
                }
            }
            long[] counts = issue(caller, batch, rejects);
            issued += counts[0];
            already += counts[1];
            rejected += counts[2];
            bar(progress, rows, total, started);
            progress.println();
        }
        catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + missing.getFile());
        }
        catch (IOException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot read or write: " + unreadable.getMessage());
        }
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        return new Summary(rows, issued, already, rejected, rejectsFile, rows / seconds);
    }

    private long[] issue(Caller caller, List<Batched> batch, BufferedWriter rejects) throws IOException {
        if (batch.isEmpty()) {
            return new long[3];
        }
        IssueScreeningInvitationsPayload result = screening.issue(caller,
                new IssueScreeningInvitationsInput(batch.stream().map(Batched::item).toList(), null));
        for (UserError error : result.errors()) {
            Matcher item = ITEM.matcher(error.field() == null ? "" : error.field());
            Batched row = item.find() ? batch.get(Integer.parseInt(item.group(1))) : null;
            reject(rejects, row == null ? 0 : row.row(), error.code(), error.field(), error.message(),
                    row == null ? List.of() : row.cells());
        }
        return new long[] { result.issued(), result.alreadyIssued(), result.errors().size() };
    }

    private static String parse(Row row, int headerColumns, int[] columns, List<Batched> batch) {
        List<String> cells = row.cells();
        if (row.problem() != null) {
            return "Not valid CSV: " + row.problem();
        }
        if (cells.size() != headerColumns) {
            return "Expected " + headerColumns + " columns, found " + cells.size();
        }
        try {
            Programme programme = Programme.valueOf(cells.get(columns[2]).strip().toUpperCase(Locale.ROOT));
            LocalDate invitedOn = date(cells.get(columns[3]), "invitedOn");
            LocalDate respondBy = date(cells.get(columns[4]), "respondBy");
            Boolean selfReferral = columns[5] >= 0 && "true".equalsIgnoreCase(cells.get(columns[5]).strip());
            batch.add(new Batched(row.number(), cells, new InvitationItem(cells.get(columns[0]).strip(),
                    cells.get(columns[1]).strip(), programme, invitedOn, respondBy, selfReferral)));
            return null;
        }
        catch (IllegalArgumentException unknownProgramme) {
            return "programme must be one of BOWEL, BREAST, CERVICAL, LUNG";
        }
        catch (DateTimeParseException badDate) {
            return badDate.getMessage();
        }
    }

    /**
     * A date as the API reads one: ISO {@code YYYY-MM-DD}, and a day that does not exist
     * is refused.
     */
    private static LocalDate date(String cell, String column) {
        String text = cell.strip();
        try {
            return Dates.parse(text);
        }
        catch (DateTimeParseException notADate) {
            throw new DateTimeParseException(column + " must be a date as YYYY-MM-DD, not '" + text + "'", text, 0,
                    notADate);
        }
    }

    /** The header's column names, trimmed and in lower case. */
    private static List<String> header(Row header) {
        if (header == null) {
            throw AdminFailure.badUsage("The file is empty");
        }
        return header.cells().stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Where each column is; the optional selfReferral column is -1 when absent. */
    private static int[] columns(List<String> names) {
        int[] columns = new int[6];
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns[i] = names.indexOf(COLUMNS.get(i));
            if (columns[i] < 0) {
                throw AdminFailure.badUsage("The file's header must name the columns externalId, nhsNumber, "
                        + "programme, invitedOn, respondBy (and optionally selfReferral)");
            }
        }
        columns[5] = names.indexOf("selfreferral");
        return columns;
    }

    private static void reject(BufferedWriter rejects, long line, String code, String field, String message,
            List<String> row) throws IOException {
        rejects.write(Csv.line(List.of(String.valueOf(line), Objects.toString(code, ""), Objects.toString(field, ""),
                Objects.toString(message, ""), row.isEmpty() ? "" : Csv.line(row))) + "\n");
    }

    /** The rows below the header that are not blank, for the progress bar. */
    private static long countRows(Path file) {
        try (Rows csv = Csv.read(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            long rows = 0;
            for (Row row = csv.next(); row != null; row = csv.next()) {
                rows += row.isBlank() ? 0 : 1;
            }
            return Math.max(rows - 1, 0);
        }
        catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + file);
        }
        catch (IOException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED, "Cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    private static void bar(PrintStream progress, long done, long total, long started) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * Math.min(done, total) / total);
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        progress.printf("\r[%s%s] %,d/%,d rows  %,.0f rows/s", "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / seconds);
        progress.flush();
    }

}
