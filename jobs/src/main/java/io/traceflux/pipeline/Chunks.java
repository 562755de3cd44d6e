package io.traceflux.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Growable columns of primitives for {@link SortedPass}, which buffers every row of one key:
 * a storm's key can hold millions. Values live in fixed-size chunks, so growing never copies
 * what is stored (a doubling array briefly holds three times its data) and a row costs its
 * primitive width, not an object. {@link #clear} keeps one chunk for the next key and lets
 * the others go.
 */
abstract class Chunks<A> {

    static final int SHIFT = 14;
    static final int SIZE = 1 << SHIFT;
    static final int MASK = SIZE - 1;

    /** Fixed-size arrays of {@link #SIZE} values each. */
    final List<A> chunks = new ArrayList<>();
    private int size;

    final int size() {
        return size;
    }

    /** Index of the next value, after making room for it. */
    final int grow() {
        if ((size & MASK) == 0 && (size >>> SHIFT) == chunks.size()) {
            chunks.add(newChunk());
        }
        return size++;
    }

    final void clear() {
        size = 0;
        chunks.subList(Math.min(1, chunks.size()), chunks.size()).clear();
    }

    abstract A newChunk();

    /** A column of longs. */
    static final class Longs extends Chunks<long[]> {

        void add(long value) {
            set(grow(), value);
        }

        long get(int i) {
            return chunks.get(i >>> SHIFT)[i & MASK];
        }

        void set(int i, long value) {
            chunks.get(i >>> SHIFT)[i & MASK] = value;
        }

        @Override
        long[] newChunk() {
            return new long[SIZE];
        }
    }

    /** A column of ints: codes and positions, at half a long's width. */
    static final class Ints extends Chunks<int[]> {

        void add(int value) {
            set(grow(), value);
        }

        int get(int i) {
            return chunks.get(i >>> SHIFT)[i & MASK];
        }

        void set(int i, int value) {
            chunks.get(i >>> SHIFT)[i & MASK] = value;
        }

        @Override
        int[] newChunk() {
            return new int[SIZE];
        }
    }

    /**
     * Strings as UTF-8 bytes, one after the other in blocks of 1 MiB (a longer string gets a
     * block of its own): a short id costs its bytes and two ints, not a String object.
     */
    static final class Texts {
        private static final int BLOCK_SHIFT = 20;
        private static final int BLOCK = 1 << BLOCK_SHIFT;
        /** 2^11 blocks of 1 MiB: the packed position below has 31 bits. */
        private static final int MAX_BLOCKS = 1 << (31 - BLOCK_SHIFT);
        private final List<byte[]> blocks = new ArrayList<>();
        /** Per string: its block and offset, packed as {@code block << 20 | offset}. */
        private final Ints position = new Ints();
        private final Ints length = new Ints();
        private int used = BLOCK;

        int size() {
            return position.size();
        }

        void add(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (blocks.isEmpty() || used + bytes.length > BLOCK) {
                if (blocks.size() == MAX_BLOCKS) {
                    throw new IllegalStateException("more than 2 GiB of signal ids under one co-partition key");
                }
                blocks.add(new byte[Math.max(BLOCK, bytes.length)]);
                used = 0;
            }
            System.arraycopy(bytes, 0, blocks.get(blocks.size() - 1), used, bytes.length);
            position.add((blocks.size() - 1) << BLOCK_SHIFT | used);
            length.add(bytes.length);
            used += bytes.length;
        }

        String get(int i) {
            int p = position.get(i);
            return new String(blocks.get(p >>> BLOCK_SHIFT), p & (BLOCK - 1), length.get(i), StandardCharsets.UTF_8);
        }

        void clear() {
            // A block longer than 1 MiB held one long string: not worth keeping.
            blocks.subList(blocks.isEmpty() || blocks.get(0).length == BLOCK ? Math.min(1, blocks.size()) : 0,
                    blocks.size()).clear();
            used = 0;
            position.clear();
            length.clear();
        }
    }
}
