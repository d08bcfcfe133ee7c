package org.cancerplan.shared;

import java.util.ArrayList;
import java.util.List;

/** Splits a line of CSV into cells, honouring double-quoted cells (which may hold commas and doubled quotes). */
public final class Csv {

    private Csv() {
    }

    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** A cell quoted for writing when it needs to be. */
    public static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        boolean needsQuotes = cell.contains(",") || cell.contains("\"") || cell.contains("\n");
        return needsQuotes ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
