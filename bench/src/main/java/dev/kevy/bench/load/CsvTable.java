package dev.kevy.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row, read into rows addressable by column name. Handles the quoting
 * {@link Report} writes (double quotes around fields holding commas or quotes).
 */
final class CsvTable {

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private CsvTable() {
    }

    /** Reads a file; a missing or empty file gives a table with no rows. */
    static CsvTable read(Path file) throws IOException {
        CsvTable t = new CsvTable();
        if (file == null || !Files.exists(file)) {
            return t;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            return t;
        }
        String[] header = split(lines.get(0));
        for (int i = 0; i < header.length; i++) {
            t.columns.put(header[i].strip(), i);
        }
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                t.rows.add(split(line));
            }
        }
        return t;
    }

    /** Number of data rows. */
    int size() {
        return rows.size();
    }

    /** A field as text; empty when the column or field is missing. */
    String text(int row, String column) {
        Integer c = columns.get(column);
        String[] r = rows.get(row);
        return c == null || c >= r.length ? "" : r[c];
    }

    /** A field as a number; NaN when missing or not a number. */
    double number(int row, String column) {
        try {
            return Double.parseDouble(text(row, column));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out.toArray(new String[0]);
    }
}
