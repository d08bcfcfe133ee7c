package org.cancerplan.screening;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bson.Document;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.shared.Csv;
import org.cancerplan.shared.Csv.Row;
import org.cancerplan.shared.Csv.Rows;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The English Index of Multiple Deprivation by LSOA: decile (1 = most deprived 10%) and
 * quintile, with the edition it came from (2019, 2025, ...). Loaded from the published
 * CSV (the "File 7" layout: an {@code LSOA code} column and the
 * {@code Index of Multiple Deprivation (IMD) Decile} column). One edition is in force at
 * a time: a load replaces the previous one once all its rows are written, so a failed
 * load leaves the old edition usable.
 */
@Service
public class DeprivationIndex {

    static final String COLLECTION = "deprivationIndex";

    private static final int BATCH = 1000;

    private final MongoTemplate mongo;

    DeprivationIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What a load did. */
    public record LoadResult(String edition, int loaded, int skipped, List<String> problems) {
    }

    /**
     * Loads (or reloads) an edition from CSV, in batches; rows without a valid code or
     * decile, or with more or fewer cells than the header, are skipped and reported (the
     * first 20) by their row number as a spreadsheet shows it. Needs a staff admin role
     * or the admin shell.
     * @param progress told the number of rows loaded after each batch
     */
    public LoadResult load(Caller caller, Reader csv, String edition, IntConsumer progress) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
        if (edition == null || !edition.matches("\\d{4}")) {
            throw new BadInputException("The IMD edition is a year, e.g. 2019 or 2025");
        }
        try (Rows rows = Csv.read(csv)) {
            Row header = rows.next();
            if (header == null) {
                throw new BadInputException("The CSV is empty");
            }
            List<String> columns = header.cells();
            int code = column(columns, name -> name.startsWith("lsoa code"), "LSOA code");
            int decile = column(columns,
                    name -> name.contains("index of multiple deprivation") && name.contains("decile"),
                    "Index of Multiple Deprivation (IMD) Decile");
            int loaded = 0;
            int skipped = 0;
            List<String> problems = new ArrayList<>();
            List<Document> batch = new ArrayList<>();
            Row row;
            while ((row = rows.next()) != null) {
                if (row.isBlank()) {
                    continue;
                }
                String problem = problem(row, columns.size(), code, decile);
                if (problem != null) {
                    skipped++;
                    if (problems.size() < 20) {
                        problems.add("row " + row.number() + ": " + problem);
                    }
                    continue;
                }
                int value = parseDecile(row.cells().get(decile));
                String lsoa = lsoaCode(row.cells().get(code));
                batch.add(new Document("_id", lsoa).append("edition", edition)
                    .append("decile", value)
                    .append("quintile", (value + 1) / 2));
                if (batch.size() == BATCH) {
                    loaded += write(batch);
                    progress.accept(loaded);
                }
            }
            loaded += write(batch);
            progress.accept(loaded);
            if (loaded > 0) {
                mongo.remove(Query.query(Criteria.where("edition").ne(edition)), COLLECTION);
            }
            return new LoadResult(edition, loaded, skipped, problems);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The deciles of these LSOAs in the edition in force; LSOAs it does not know are
     * missing.
     */
    public Map<String, Integer> decilesOf(Collection<String> lsoaCodes) {
        if (lsoaCodes.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(lsoaCodes)), Document.class, COLLECTION)
            .stream()
            .collect(Collectors.toMap(d -> d.getString("_id"), d -> d.getInteger("decile")));
    }

    /** The edition in force, or null when none is loaded. */
    public String currentEdition() {
        Document any = mongo.findOne(new Query().limit(1), Document.class, COLLECTION);
        return any == null ? null : any.getString("edition");
    }

    private int write(List<Document> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Document document : batch) {
            bulk.upsert(Query.query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().set("edition", document.get("edition"))
                        .set("decile", document.get("decile"))
                        .set("quintile", document.get("quintile")));
        }
        int written = batch.size();
        bulk.execute();
        batch.clear();
        return written;
    }

    /** Why a row cannot be loaded, or null when it can. */
    private static String problem(Row row, int headerColumns, int code, int decile) {
        if (row.problem() != null) {
            return "not valid CSV: " + row.problem();
        }
        if (row.cells().size() != headerColumns) {
            return "expected " + headerColumns + " columns, found " + row.cells().size();
        }
        if (parseDecile(row.cells().get(decile)) == null
                || !lsoaCode(row.cells().get(code)).matches("^[EW]0[0-9]{7}$")) {
            return "no valid LSOA code and decile 1-10";
        }
        return null;
    }

    private static String lsoaCode(String cell) {
        return cell.strip().toUpperCase(Locale.ROOT);
    }

    private static Integer parseDecile(String cell) {
        try {
            int value = Integer.parseInt(cell.strip());
            return value >= 1 && value <= 10 ? value : null;
        }
        catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static int column(List<String> columns, Predicate<String> matches, String wanted) {
        for (int i = 0; i < columns.size(); i++) {
            if (matches.test(columns.get(i).strip().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new BadInputException("The CSV has no '" + wanted + "' column");
    }

}
