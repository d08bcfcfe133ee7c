package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cancerplan.security.Caller;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.ImdFixture;
import org.cancerplan.support.IsolatedStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.test.context.TestPropertySource;

/**
 * Uptake by deprivation on a small data set with hand-checked figures, on a store of its
 * own.
 */
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false" })
class ScreeningUptakeTest extends IsolatedStoreTest {

    static final String IMD_CSV = ImdFixture.CSV;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    private static final String STAFF = IdentityProviders.staffToken("R1H", "R8000");

    @Autowired
    DeprivationIndex deprivation;

    @Test
    void uptakeByQuintileAndTheGapBetweenTheExtremes() {
        DeprivationIndex.LoadResult loaded = deprivation.load(Caller.support("test"), new StringReader(IMD_CSV), "2019",
                rows -> {
                });
        ScreeningApi api = new ScreeningApi(graphql);
        LocalDate invited = TODAY.minusDays(10);
        // quintile 1 (deciles 1-2): 4 invited, 1 screened
        List<String> q1 = new ArrayList<>(
                List.of(api.patient("1960-01-01", "E01000101"), api.patient("1960-01-01", "E01000101"),
                        api.patient("1960-01-01", "E01000102"), api.patient("1960-01-01", "E01000102")));
        // quintile 3 (decile 5): 2 invited, 1 screened; quintile 5 (decile 10): 2
        // invited, 2 screened
        List<String> q3 = List.of(api.patient("1960-01-01", "E01000105"), api.patient("1960-01-01", "E01000105"));
        List<String> q5 = List.of(api.patient("1960-01-01", "E01000110"), api.patient("1960-01-01", "E01000110"));
        // unknown: an LSOA the IMD does not have, and no LSOA at all
        List<String> unknown = List.of(api.patient("1960-01-01", "E01099999"), api.patient("1960-01-01", null));
        for (List<String> group : List.of(q1, q3, q5, unknown)) {
            group.forEach(p -> api.invite(p, "BOWEL", invited));
        }
        screen(api, q1.get(0));
        screen(api, q3.get(0));
        screen(api, q5.get(0));
        screen(api, q5.get(1));
        // not counted: invited before the period, or another programme
        api.invite(q1.get(1), "BREAST", invited);
        api.invite(api.patient("1960-01-01", "E01000110"), "BOWEL", TODAY.minusDays(100));

        Response report = as(STAFF).documentName("staff/ScreeningUptake")
            .variable("programme", "BOWEL")
            .variable("from", TODAY.minusDays(30).toString())
            .variable("to", TODAY.toString())
            .execute();

        assertThat(loaded.loaded()).isEqualTo(4);
        assertThat(loaded.skipped()).isEqualTo(2);
        List<Quintile> quintiles = report.path("screeningUptake.byDeprivationQuintile")
            .entityList(Quintile.class)
            .get();
        assertThat(row(quintiles, 0)).isEqualTo("1: 4 invited, 1 screened, 0.25");
        assertThat(row(quintiles, 1)).isEqualTo("2: 0 invited, 0 screened, null");
        assertThat(row(quintiles, 2)).isEqualTo("3: 2 invited, 1 screened, 0.5");
        assertThat(row(quintiles, 3)).isEqualTo("4: 0 invited, 0 screened, null");
        assertThat(row(quintiles, 4)).isEqualTo("5: 2 invited, 2 screened, 1.0");
        report.path("screeningUptake.gap").entity(Double.class).isEqualTo(0.75);
        Response unknownRow = as(STAFF)
            .document("query($f: Date!, $t: Date!) { screeningUptake(programme: BOWEL, "
                    + "from: $f, to: $t) { unknown { invited screened } } }")
            .variable("f", TODAY.minusDays(30).toString())
            .variable("t", TODAY.toString())
            .execute();
        unknownRow.path("screeningUptake.unknown.invited")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("screeningUptake.unknown.screened")
            .entity(Integer.class)
            .isEqualTo(0);
        Response decile = as(STAFF).document("query($n: NhsNumber!) { patient(nhsNumber: $n) { deprivationDecile } }")
            .variable("n", q5.get(0))
            .execute();
        decile.path("patient.deprivationDecile").entity(Integer.class).isEqualTo(10);
    }

    @Test
    void aReportIsComputedAtMostOnceAMinuteForTheSameParametersAndSaysWhen() {
        ScreeningApi api = new ScreeningApi(graphql);
        LocalDate from = TODAY.minusDays(200);
        LocalDate to = TODAY.minusDays(150);
        api.invite(api.patient("1960-01-01", null), "BREAST", TODAY.minusDays(170));
        String query = "query($f: Date!, $t: Date!) { screeningUptake(programme: BREAST, from: $f, to: $t) { "
                + "unknown { invited } computedAt } }";

        Response first = uptake(query, from, to);
        api.invite(api.patient("1960-01-01", null), "BREAST", TODAY.minusDays(170));
        Response again = uptake(query, from, to);
        Response otherPeriod = uptake(query, from, to.plusDays(1));

        first.path("screeningUptake.unknown.invited").entity(Integer.class).isEqualTo(1);
        assertThat(again.path("screeningUptake.unknown.invited").entity(Integer.class).get())
            .as("the report of a moment ago")
            .isEqualTo(1);
        again.path("screeningUptake.computedAt")
            .entity(String.class)
            .isEqualTo(first.path("screeningUptake.computedAt").entity(String.class).get());
        assertThat(otherPeriod.path("screeningUptake.unknown.invited").entity(Integer.class).get()).as("computed now")
            .isEqualTo(2);
    }

    private Response uptake(String query, LocalDate from, LocalDate to) {
        Response report = as(STAFF).document(query)
            .variable("f", from.toString())
            .variable("t", to.toString())
            .execute();
        report.errors().verify();
        return report;
    }

    @Test
    void aFileWithoutTheDecileColumnIsRefusedAndANewEditionReplacesTheOld() {
        assertThatThrownBy(() -> deprivation.load(Caller.support("test"), new StringReader("LSOA code (2011),x\n"),
                "2019", rows -> {
                }))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("Decile");

        deprivation.load(Caller.support("test"), new StringReader("""
                LSOA code (2021),Index of Multiple Deprivation (IMD) Decile
                E01000101,3
                """), "2025", rows -> {
        });

        assertThat(deprivation.currentEdition()).isEqualTo("2025");
        assertThat(deprivation.decilesOf(List.of("E01000101", "E01000110"))).containsExactly(Map.entry("E01000101", 3));
    }

    @Test
    void aByteOrderMarkAndCrlfAreAcceptedAndARowWithMoreOrFewerCellsThanTheHeaderIsSkippedNamingItsRow() {
        // an edition of its own, so that no other test's rows are left in force beside
        // these
        DeprivationIndex.LoadResult loaded = deprivation.load(Caller.support("test"), new StringReader("\uFEFF" + """
                LSOA code (2011),LSOA name (2011),Index of Multiple Deprivation (IMD) Decile
                E01000101,"Hackney
                001A",3
                E01000102,Hackney 001B
                E01000105,Hackney 002A,5,extra
                E01000110,Camden 001A,10
                """.replace("\n", "\r\n")), "2015", rows -> {
        });

        assertThat(loaded.loaded()).isEqualTo(2);
        assertThat(loaded.problems()).containsExactly("row 3: expected 3 columns, found 2",
                "row 4: expected 3 columns, found 4");
        assertThat(deprivation.decilesOf(List.of("E01000101", "E01000102", "E01000105", "E01000110")))
            .containsOnly(Map.entry("E01000101", 3), Map.entry("E01000110", 10));
    }

    private static void screen(ScreeningApi api, String nhsNumber) {
        api.result(api.externalIdOf(nhsNumber, 0), "NORMAL", TODAY)
            .path("recordScreeningResult.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    /** A quintile's row of the report. */
    record Quintile(int quintile, int invited, int screened, Double uptake) {
    }

    private static String row(List<Quintile> quintiles, int index) {
        Quintile row = quintiles.get(index);
        return row.quintile() + ": " + row.invited() + " invited, " + row.screened() + " screened, " + row.uptake();
    }

}
