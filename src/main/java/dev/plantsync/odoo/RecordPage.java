package dev.plantsync.odoo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One page of {@code search_read} records held column by column, for reads of a million records: no map, list or
 * boxed number per record. Columns are the requested fields in their order; each cell is Odoo's value as text (a
 * number exactly as JSON wrote it, a many2one's display name) or null for Odoo's {@code false}; a many2one's id is kept
 * apart. Parsed straight from the JSON answer where the transport has one ({@link #parse}), otherwise converted from
 * the decoded answer ({@link #of}): the same page either way.
 */
public final class RecordPage {

    private final int columns;
    private int[] ids;
    private int[] references;
    private String[] cells;
    private int size;

    private RecordPage(int columns, int capacity) {
        this.columns = columns;
        this.ids = new int[capacity];
        this.references = new int[capacity * columns];
        this.cells = new String[capacity * columns];
    }

    public int size() {
        return size;
    }

    public int id(int row) {
        return ids[row];
    }

    /** The value of column {@code column} as text, or null for {@code false}: a many2one gives its display name. */
    public String text(int row, int column) {
        return cells[row * columns + column];
    }

    /** A many2one's id, 0 for {@code false}. */
    public int many2oneId(int row, int column) {
        return references[row * columns + column];
    }

    int lastId() {
        return size == 0 ? 0 : ids[size - 1];
    }

    /** A decoded answer (XML-RPC's, or any list of records) as a page. */
    static RecordPage of(List<Map<String, Object>> records, List<String> fields) {
        RecordPage page = new RecordPage(fields.size(), records.size());
        for (Map<String, Object> record : records) {
            int row = page.add();
            page.ids[row] = ((Number) record.get("id")).intValue();
            for (int column = 0; column < fields.size(); column++) {
                Object value = record.get(fields.get(column));
                int cell = row * page.columns + column;
                if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number id
                        && pair.get(1) instanceof String name) {
                    page.references[cell] = id.intValue();
                    page.cells[cell] = name;
                } else if (value instanceof List<?>) {
                    throw notScalar(fields.get(column));
                } else if (value != null && !Boolean.FALSE.equals(value)) {
                    page.cells[cell] = value.toString();
                }
            }
        }
        return page;
    }

    /**
     * The array of records the parser is positioned at (its START_ARRAY is the current token), read token by token.
     * Numbers keep JSON's text; fields not asked for are skipped.
     */
    static RecordPage parse(JsonParser json, OdooCall call, List<String> fields) {
        RecordPage page = new RecordPage(fields.size(), call.params().get("limit") instanceof Integer limit
                ? Math.min(limit, 1 << 16) : 64);
        for (JsonToken token = json.nextToken(); token == JsonToken.START_OBJECT; token = json.nextToken()) {
            int row = page.add();
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                JsonToken value = json.nextToken();
                if (name.equals("id")) {
                    page.ids[row] = json.getIntValue();
                    continue;
                }
                int column = fields.indexOf(name);
                if (column < 0) {
                    json.skipChildren();
                    continue;
                }
                int cell = row * page.columns + column;
                if (value == JsonToken.START_ARRAY) {
                    if (json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        throw notScalar(name);
                    }
                    page.references[cell] = json.getIntValue();
                    if (json.nextToken() != JsonToken.VALUE_STRING) {
                        throw notScalar(name);
                    }
                    page.cells[cell] = page.text(json, row, cell);
                    if (json.nextToken() != JsonToken.END_ARRAY) {
                        throw notScalar(name);
                    }
                } else if (value == JsonToken.START_OBJECT) {
                    throw notScalar(name);
                } else if (value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                    page.cells[cell] = page.text(json, row, cell);
                }
            }
        }
        return page;
    }

    /**
     * The current token's text, or the row above's String when it is the same: locations, categories and units repeat
     * down a page, and a million records made ~3 million Strings that only repeated another.
     */
    private String text(JsonParser json, int row, int cell) {
        String above = row > 0 ? cells[cell - columns] : null;
        if (above != null) {
            char[] chars = json.getStringCharacters();
            int offset = json.getStringOffset();
            int length = json.getStringLength();
            if (length == above.length() && sameChars(above, chars, offset)) {
                return above;
            }
            return new String(chars, offset, length);
        }
        return json.getString();
    }

    private static boolean sameChars(String text, char[] chars, int offset) {
        for (int i = text.length() - 1; i >= 0; i--) { // the end differs first among codes sharing a prefix
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** The next row; Odoo answering more than the limit asked for only costs a copy. */
    private int add() {
        if (size == ids.length) {
            int capacity = Math.max(16, size * 2);
            ids = Arrays.copyOf(ids, capacity);
            references = Arrays.copyOf(references, capacity * columns);
            cells = Arrays.copyOf(cells, capacity * columns);
        }
        return size++;
    }

    private static IllegalArgumentException notScalar(String field) {
        return new IllegalArgumentException("field " + field + " is neither a value nor a many2one: read it with "
                + "searchReadAll");
    }
}
