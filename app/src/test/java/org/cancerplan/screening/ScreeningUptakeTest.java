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
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.ImdFixture;
import org.cancerplan.support.IsolatedStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Uptake by deprivation on a small data set with hand-checked figures, on a store of its own. */
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false" })
class ScreeningUptakeTest extends IsolatedStoreTest {

    static final String IMD_CSV = ImdFixture.CSV;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    @Autowired
    DeprivationIndex deprivation;

    @Test
    void uptakeByQuintileAndTheGapBetweenTheExtremes() {
        DeprivationIndex.LoadResult loaded = deprivation.load(Caller.support("test"), new StringReader(IMD_CSV),
                "2019", rows -> { });
        ScreeningApi api = new ScreeningApi(new GraphQlHttp(port));
        LocalDate invited = TODAY.minusDays(10);
        // quintile 1 (deciles 1-2): 4 invited, 1 screened
        List<String> q1 = new ArrayList<>(List.of(api.patient("1960-01-01", "E01000101"),
                api.patient("1960-01-01", "E01000101"), api.patient("1960-01-01", "E01000102"),
                api.patient("1960-01-01", "E01000102")));
        // quintile 3 (decile 5): 2 invited, 1 screened; quintile 5 (decile 10): 2 invited, 2 screened
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

        Response report = new GraphQlHttp(port).post(IdentityProviders.staffToken("R1H", "R8000"),
                Contract.operation("staff/ScreeningUptake"), Map.of("programme", "BOWEL",
                        "from", TODAY.minusDays(30).toString(), "to", TODAY.toString()));

        assertThat(loaded.loaded()).isEqualTo(4);
        assertThat(loaded.skipped()).isEqualTo(2);
        assertThat(report.hasErrors()).as(report.body().toString()).isFalse();
        JsonNode quintiles = report.data("screeningUptake/byDeprivationQuintile");
        assertThat(row(quintiles, 0)).isEqualTo("1: 4 invited, 1 screened, 0.25");
        assertThat(row(quintiles, 1)).isEqualTo("2: 0 invited, 0 screened, null");
        assertThat(row(quintiles, 2)).isEqualTo("3: 2 invited, 1 screened, 0.5");
        assertThat(row(quintiles, 3)).isEqualTo("4: 0 invited, 0 screened, null");
        assertThat(row(quintiles, 4)).isEqualTo("5: 2 invited, 2 screened, 1.0");
        assertThat(report.data("screeningUptake/gap").asDouble()).isEqualTo(0.75);
        Response unknownRow = new GraphQlHttp(port).post(IdentityProviders.staffToken("R1H", "R8000"),
                "query($f: Date!, $t: Date!) { screeningUptake(programme: BOWEL, from: $f, to: $t) { unknown { "
                        + "invited screened } } }", Map.of("f", TODAY.minusDays(30).toString(), "t", TODAY.toString()));
        assertThat(unknownRow.data("screeningUptake/unknown/invited").asInt()).isEqualTo(2);
        assertThat(unknownRow.data("screeningUptake/unknown/screened").asInt()).isZero();
        Response decile = new GraphQlHttp(port).post(IdentityProviders.staffToken("R1H", "R8000"),
                "query($n: NhsNumber!) { patient(nhsNumber: $n) { deprivationDecile } }", Map.of("n", q5.get(0)));
        assertThat(decile.data("patient/deprivationDecile").asInt()).isEqualTo(10);
    }

    @Test
    void aReportIsComputedAtMostOnceAMinuteForTheSameParametersAndSaysWhen() {
        ScreeningApi api = new ScreeningApi(new GraphQlHttp(port));
        LocalDate from = TODAY.minusDays(200);
        LocalDate to = TODAY.minusDays(150);
        api.invite(api.patient("1960-01-01", null), "BREAST", TODAY.minusDays(170));
        String query = "query($f: Date!, $t: Date!) { screeningUptake(programme: BREAST, from: $f, to: $t) { "
                + "unknown { invited } computedAt } }";

        Response first = uptake(query, from, to);
        api.invite(api.patient("1960-01-01", null), "BREAST", TODAY.minusDays(170));
        Response again = uptake(query, from, to);
        Response otherPeriod = uptake(query, from, to.plusDays(1));

        assertThat(first.data("screeningUptake/unknown/invited").asInt()).isEqualTo(1);
        assertThat(again.data("screeningUptake/unknown/invited").asInt()).as("the report of a moment ago").isEqualTo(1);
        assertThat(again.data("screeningUptake/computedAt").asString())
                .isEqualTo(first.data("screeningUptake/computedAt").asString());
        assertThat(otherPeriod.data("screeningUptake/unknown/invited").asInt()).as("computed now").isEqualTo(2);
    }

    private Response uptake(String query, LocalDate from, LocalDate to) {
        Response report = new GraphQlHttp(port).post(IdentityProviders.staffToken("R1H", "R8000"), query,
                Map.of("f", from.toString(), "t", to.toString()));
        assertThat(report.hasErrors()).as(report.body().toString()).isFalse();
        return report;
    }

    @Test
    void aFileWithoutTheDecileColumnIsRefusedAndANewEditionReplacesTheOld() {
        assertThatThrownBy(() -> deprivation.load(Caller.support("test"), new StringReader("LSOA code (2011),x\n"),
                "2019", rows -> { })).isInstanceOf(BadInputException.class).hasMessageContaining("Decile");

        deprivation.load(Caller.support("test"), new StringReader("""
                LSOA code (2021),Index of Multiple Deprivation (IMD) Decile
                E01000101,3
                """), "2025", rows -> { });

        assertThat(deprivation.currentEdition()).isEqualTo("2025");
        assertThat(deprivation.decilesOf(List.of("E01000101", "E01000110"))).containsExactly(Map.entry("E01000101", 3));
    }

    @Test
    void aByteOrderMarkAndCrlfAreAcceptedAndARowWithMoreOrFewerCellsThanTheHeaderIsSkippedNamingItsRow() {
        // an edition of its own, so that no other test's rows are left in force beside these
        DeprivationIndex.LoadResult loaded = deprivation.load(Caller.support("test"), new StringReader("\uFEFF" + """
                LSOA code (2011),LSOA name (2011),Index of Multiple Deprivation (IMD) Decile
                E01000101,"Hackney
                001A",3
                E01000102,Hackney 001B
                E01000105,Hackney 002A,5,extra
                E01000110,Camden 001A,10
                """.replace("\n", "\r\n")), "2015", rows -> { });

        assertThat(loaded.loaded()).isEqualTo(2);
        assertThat(loaded.problems()).containsExactly("row 3: expected 3 columns, found 2",
                "row 4: expected 3 columns, found 4");
        assertThat(deprivation.decilesOf(List.of("E01000101", "E01000102", "E01000105", "E01000110")))
                .containsOnly(Map.entry("E01000101", 3), Map.entry("E01000110", 10));
    }

    private static void screen(ScreeningApi api, String nhsNumber) {
        Response result = api.result(api.externalIdOf(nhsNumber, 0), "NORMAL", TODAY);
        assertThat(result.data("recordScreeningResult/errors")).as(result.body().toString()).isEmpty();
    }

    private static String row(JsonNode quintiles, int index) {
        JsonNode row = quintiles.get(index);
        return row.get("quintile").asInt() + ": " + row.get("invited").asInt() + " invited, "
                + row.get("screened").asInt() + " screened, " + (row.get("uptake").isNull() ? "null"
                        : row.get("uptake").asDouble());
    }
}
