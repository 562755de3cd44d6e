package io.traceflux.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The linear pass of {@link SortedPass} over one sorted partition: reads the rows of one
 * co-partition key (they are contiguous, in (ts, signal_id) order), buffers them compactly
 * while every policy's {@link KeyDecisions} takes them in, then hands out one output row per
 * input row and moves on to the next key. Memory holds one key's rows at a time: per row its
 * time, its id's UTF-8 bytes and an int code per carried column, plus a few ints per policy.
 *
 * <p>Input columns: key, ts in microseconds, signal_id, the carried text columns, then each
 * policy's group_by values. Output columns: key, ts in microseconds, signal_id, the carried
 * columns, then per policy: duplicate_of, the representative's group values, piece size and
 * the piece's first signal_id (all null for a suppressed row).
 */
final class KeyRows implements Iterator<Row> {

    private static final int KEY = 0;
    private static final int US = 1;
    private static final int ID = 2;
    private static final int CARRIED = 3;

    private final Iterator<Row> input;
    private final List<SortedPass.PolicyParams> policies;
    private final int carried;
    private final int outputWidth;

    private final Chunks.Longs us = new Chunks.Longs();
    private final Chunks.Texts ids = new Chunks.Texts();
    private final List<Dictionary<String>> dictionaries = new ArrayList<>();
    private final List<Chunks.Ints> codes = new ArrayList<>();
    private final List<KeyDecisions> decisions = new ArrayList<>();
    private final List<String[]> groupValues = new ArrayList<>();

    private String key;
    private Row next;
    private int emitted;

    KeyRows(Iterator<Row> input, int carried, List<SortedPass.PolicyParams> policies) {
        this.input = input;
        this.carried = carried;
        this.policies = policies;
        int width = CARRIED + carried;
        for (int c = 0; c < carried; c++) {
            dictionaries.add(new Dictionary<>());
            codes.add(new Chunks.Ints());
        }
        for (SortedPass.PolicyParams p : policies) {
            decisions.add(new KeyDecisions(p));
            groupValues.add(new String[p.groupColumns()]);
            width += p.groupColumns() + 3;
        }
        this.outputWidth = width;
        this.next = input.hasNext() ? input.next() : null;
    }

    @Override
    public boolean hasNext() {
        if (emitted < us.size()) {
            return true;
        }
        if (next == null) {
            clear();
            return false;
        }
        readKey();
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return output(emitted++);
    }

    /** Buffers the rows of the next key, feeding each policy as they come. */
    private void readKey() {
        clear();
        key = next.getString(KEY);
        do {
            accept(next);
            next = input.hasNext() ? input.next() : null;
        } while (next != null && key.equals(next.getString(KEY)));
    }

    private void accept(Row row) {
        long time = row.getLong(US);
        us.add(time);
        ids.add(row.getString(ID));
        for (int c = 0; c < carried; c++) {
            codes.get(c).add(dictionaries.get(c).code(row.getString(CARRIED + c)));
        }
        int column = CARRIED + carried;
        for (int p = 0; p < policies.size(); p++) {
            SortedPass.PolicyParams params = policies.get(p);
            String[] values = groupValues.get(p);
            for (int g = 0; g < values.length; g++) {
                values[g] = row.getString(column++);
            }
            boolean active = row.isNullAt(CARRIED + params.suppressedColumn());
            int fingerprint = codes.get(params.fingerprintColumn()).get(us.size() - 1);
            decisions.get(p).accept(time, fingerprint, active, values);
        }
    }

    private Row output(int row) {
        Object[] values = new Object[outputWidth];
        values[KEY] = key;
        values[ID] = ids.get(row);
        values[US] = us.get(row);
        for (int c = 0; c < carried; c++) {
            values[CARRIED + c] = dictionaries.get(c).value(codes.get(c).get(row));
        }
        int column = CARRIED + carried;
        for (int p = 0; p < policies.size(); p++) {
            KeyDecisions d = decisions.get(p);
            int groupColumns = policies.get(p).groupColumns();
            if (d.active(row)) {
                int rep = d.duplicateOf(row);
                values[column] = rep < 0 ? null : ids.get(rep);
                List<String> group = d.group(row);
                for (int g = 0; g < groupColumns; g++) {
                    values[column + 1 + g] = group.get(g);
                }
                values[column + 1 + groupColumns] = (long) d.pieceSize(row);
                values[column + 2 + groupColumns] = ids.get(d.firstOfPiece(row));
            }
            column += groupColumns + 3;
        }
        return RowFactory.create(values);
    }

    private void clear() {
        emitted = 0;
        us.clear();
        ids.clear();
        dictionaries.forEach(Dictionary::clear);
        codes.forEach(Chunks.Ints::clear);
        decisions.forEach(KeyDecisions::clear);
    }
}
