package dev.plantsync.reconciliation;

import java.util.Arrays;

/**
 * The first id seen for each code, for a million codes without a million objects: the codes' characters in one growing
 * array, open addressing over entry numbers. A {@code HashMap<String, Integer>} of a million products held ~110 MB of
 * small objects that every young collection copied until they were promoted, then a full collection of the old
 * generation in the middle of the night; these few arrays hold ~40 MB and are never traced through.
 */
final class CodeIndex {

    private char[] characters = new char[1 << 16];
    private int used;
    /** Per entry: where its code starts in {@link #characters} (it ends where the next starts), its id. */
    private int[] starts = new int[1 << 12];
    private int[] ids = new int[1 << 12];
    private int size;
    /**
     * Per slot, the code's hash in the high half and its entry number + 1 in the low half, 0 for free; at most half
     * full. The hash beside the entry: a probe that meets another code is told so without reading the entry's arrays
     * (with the hashes in an array of their own, a lookup among a million codes cost ~3 cache misses).
     */
    private long[] slots = new long[1 << 13];

    /** The id stored for {@code code}, or {@code id} itself after storing it when the code is new. */
    int putIfAbsent(String code, int id) {
        int hash = spread(code.hashCode());
        int slot = slotOf(code, hash);
        if (slots[slot] != 0) {
            return ids[entryIn(slots[slot])];
        }
        slots[slot] = (long) hash << 32 | add(code, id) + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    /**
     * The entry of {@code code} (entries are numbered from 0 in the order codes were first put), or -1 when it has
     * none: a caller keeps what else it knows per code in arrays by entry number.
     */
    int entry(String code) {
        long slot = slots[slotOf(code, spread(code.hashCode()))];
        return slot == 0 ? -1 : entryIn(slot);
    }

    /** The slot holding {@code code}, or the free slot where it would go. */
    private int slotOf(String code, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long taken = slots[slot];
            if (taken == 0 || (int) (taken >>> 32) == hash && sameCode(entryIn(taken), code)) {
                return slot;
            }
        }
    }

    private static int entryIn(long slot) {
        return (int) slot - 1;
    }

    /** The id stored with an entry. */
    int id(int entry) {
        return ids[entry];
    }

    /** Another id for an entry's code. */
    void setId(int entry, int id) {
        ids[entry] = id;
    }

    int size() {
        return size;
    }

    /** The code of an entry, made into a String. */
    String code(int entry) {
        return new String(characters, starts[entry], end(entry) - starts[entry]);
    }

    /** Where an entry's code ends: where the next one starts. */
    private int end(int entry) {
        return entry + 1 < size ? starts[entry + 1] : used;
    }

    private int add(String code, int id) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        if (used + code.length() > characters.length) {
            characters = Arrays.copyOf(characters, Math.max(characters.length * 2, used + code.length()));
        }
        code.getChars(0, code.length(), characters, used);
        starts[size] = used;
        ids[size] = id;
        used += code.length();
        return size++;
    }

    private boolean sameCode(int entry, String code) {
        int start = starts[entry];
        if (end(entry) - start != code.length()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (characters[start + i] != code.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long taken : old) {
            if (taken != 0) {
                int slot = (int) (taken >>> 32) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = taken;
            }
        }
    }

    /** String hashes of similar codes differ in their low bits only: mixed (MurmurHash3's finalizer) before masking. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }
}
