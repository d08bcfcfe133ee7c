package org.cancerplan.support;

/**
 * A small IMD file for tests: four LSOAs of known deciles (1, 2, 5, 10) and two rows that
 * must be skipped.
 */
public final class ImdFixture {

    /**
     * The published file's column headings (IMD 2019, File 7), shortened to the columns
     * that matter plus two.
     */
    public static final String CSV = """
            LSOA code (2011),LSOA name (2011),Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),\
            Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)
            E01000101,"Hackney 001A, north",100,1
            E01000102,Hackney 001B,3500,2
            E01000105,Hackney 002A,15000,5
            E01000110,Camden 001A,32000,10
            E0100011X,broken row,1,1
            E01000111,no decile,1,
            """;

    private ImdFixture() {
    }

}
