package io.traceflux.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * One policy's steps 4 and 5 (SPEC 3.2) over the rows of one co-partition key, fed in
 * (ts, signal_id) order: dedup episodes per fingerprint, sessions and max_span pieces per
 * group of representatives, and piece sizes with duplicates counted. Every decision but a
 * piece's size is known when its row arrives; sizes are final once the key's last row is in.
 *
 * <p>Rows are numbered in arrival order. A representative starts or joins its group's
 * session and piece; a duplicate joins its representative's piece, whatever its own group
 * values and however late it comes (so duplicates may reach past the session). Suppressed
 * rows take no part.
 */
final class KeyDecisions {

    private final SortedPass.PolicyParams params;

    /** Per row: its representative's row (itself for a representative), -1 when suppressed. */
    private final Chunks.Ints representative = new Chunks.Ints();
    /** Per row: its piece, -1 when suppressed. */
    private final Chunks.Ints piece = new Chunks.Ints();

    /** Per fingerprint code: the last row's time and the open episode's representative. */
    private final Chunks.Longs episodeLastUs = new Chunks.Longs();
    private final Chunks.Ints episodeRepresentative = new Chunks.Ints();

    /** Group values of representatives, numbered; per group: its session and current piece. */
    private final Dictionary<List<String>> groups = new Dictionary<>();
    private final Chunks.Longs groupLastUs = new Chunks.Longs();
    private final Chunks.Longs sessionStartUs = new Chunks.Longs();
    private final Chunks.Longs pieceIndex = new Chunks.Longs();
    private final Chunks.Ints currentPiece = new Chunks.Ints();

    /** Per piece: its first row (the piece's first representative), group and size. */
    private final Chunks.Ints pieceFirst = new Chunks.Ints();
    private final Chunks.Ints pieceGroup = new Chunks.Ints();
    private final Chunks.Ints pieceSize = new Chunks.Ints();

    KeyDecisions(SortedPass.PolicyParams params) {
        this.params = params;
    }

    /**
     * The next row of the key.
     *
     * @param us          its ts in microseconds
     * @param fingerprint its fingerprint's code (codes are dense, from 0)
     * @param active      false when suppressed
     * @param groupValues its own group_by values (read only when it represents an episode)
     */
    void accept(long us, int fingerprint, boolean active, String[] groupValues) {
        int row = representative.size();
        if (!active) {
            representative.add(-1);
            piece.add(-1);
            return;
        }
        int rep = params.dedup() ? episode(row, us, fingerprint) : row;
        representative.add(rep);
        int p = rep == row ? place(row, us, groupValues) : piece.get(rep);
        piece.add(p);
        pieceSize.set(p, pieceSize.get(p) + 1);
    }

    /** The representative of the row's episode: itself when the gap to the previous exceeds the window. */
    private int episode(int row, long us, int fingerprint) {
        while (episodeLastUs.size() <= fingerprint) {
            episodeLastUs.add(0);
            episodeRepresentative.add(-1);
        }
        int rep = episodeRepresentative.get(fingerprint);
        if (rep < 0 || us - episodeLastUs.get(fingerprint) > params.dedupMicros()) {
            rep = row;
            episodeRepresentative.set(fingerprint, row);
        }
        episodeLastUs.set(fingerprint, us);
        return rep;
    }

    /** The piece of a representative: its group's current one, or a new session's or grid cell's. */
    private int place(int row, long us, String[] groupValues) {
        int g = groups.code(Arrays.asList(groupValues.clone()));
        boolean newSession;
        if (g == groupLastUs.size()) {
            groupLastUs.add(us);
            sessionStartUs.add(us);
            pieceIndex.add(0);
            currentPiece.add(-1);
            newSession = true;
        } else {
            newSession = us - groupLastUs.get(g) > params.gapMicros();
        }
        groupLastUs.set(g, us);
        if (newSession) {
            sessionStartUs.set(g, us);
        }
        long index = params.maxSpanMicros() > 0 ? (us - sessionStartUs.get(g)) / params.maxSpanMicros() : 0;
        if (newSession || index != pieceIndex.get(g)) {
            pieceIndex.set(g, index);
            currentPiece.set(g, pieceFirst.size());
            pieceFirst.add(row);
            pieceGroup.add(g);
            pieceSize.add(0);
        }
        return currentPiece.get(g);
    }

    /** The row's representative when that is another row, else -1 (a representative, or suppressed). */
    int duplicateOf(int row) {
        int rep = representative.get(row);
        return rep == row ? -1 : rep;
    }

    boolean active(int row) {
        return piece.get(row) >= 0;
    }

    /** The group values of the row's representative; only for an active row. */
    List<String> group(int row) {
        return groups.value(pieceGroup.get(piece.get(row)));
    }

    /** Signals in the row's piece, duplicates counted; only for an active row. */
    int pieceSize(int row) {
        return pieceSize.get(piece.get(row));
    }

    /** The first row of the row's piece; only for an active row. */
    int firstOfPiece(int row) {
        return pieceFirst.get(piece.get(row));
    }

    void clear() {
        representative.clear();
        piece.clear();
        episodeLastUs.clear();
        episodeRepresentative.clear();
        groups.clear();
        groupLastUs.clear();
        sessionStartUs.clear();
        pieceIndex.clear();
        currentPiece.clear();
        pieceFirst.clear();
        pieceGroup.clear();
        pieceSize.clear();
    }
}
