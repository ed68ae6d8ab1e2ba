package org.mmspec.spec.eval;

import java.util.Arrays;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.types.Type;

/**
 * Which slots of a region of a state (the globals, or one procedure's frame) hold thread identities, and
 * how a permutation of the threads acts on them, for {@link Symmetry}: a {@code thread_t} value is mapped
 * through the permutation ({@code NULL} stays); a {@code set<thread_t>} and an rwsem's reader and
 * queued-writer masks have their bits permuted; a lock's holder slot ({@code holder + 1}) is mapped; the
 * elements of an array indexed by {@code thread_t} move to the permuted index; the elements of a
 * {@code list<thread_t>} are mapped up to the list's length (unused slots stay 0, as {@link Lists} keeps
 * them). Built once per scenario from the declared types.
 */
final class SlotMap {

    static final byte PLAIN = 0;
    static final byte ID = 1;
    static final byte BITS = 2;
    static final byte HOLDER = 3;

    private final Layout layout;
    /** Per slot: how its value is mapped. */
    final byte[] kind;
    /** Per slot: the offset of the length slot of the list it is an element of, or -1. */
    final int[] listHead;
    /** Per slot: the index of the thread-indexed array element it lies in, or -1. */
    final int[] elem;
    /** Per slot: the stride of that array. */
    final int[] stride;
    /** Per slot: the bit of the tracked local ({@link Assigned}) it belongs to, or -1. */
    final int[] owner;
    /** Why the region cannot be permuted (an array indexed by thread inside another), or null. */
    String refusal;
    /** Whether some slot is not {@link #PLAIN} or moves. */
    boolean touched;

    SlotMap(Layout layout, int size) {
        this.layout = layout;
        this.kind = new byte[size];
        this.listHead = new int[size];
        this.elem = new int[size];
        this.stride = new int[size];
        this.owner = new int[size];
        Arrays.fill(owner, -1);
        Arrays.fill(listHead, -1);
        Arrays.fill(elem, -1);
    }

    /** Records variable {@code name} of type {@code t} at {@code offset} (relative to the region). */
    void add(String name, Type t, int offset) {
        walk(name, t, offset, -1, -1, 0);
    }

    /** Slots {@code offset .. offset + width - 1} belong to the tracked local of bit {@code bit}. */
    void own(int offset, int width, int bit) {
        for (int j = offset; j < offset + width && j < owner.length; j++) {
            owner[j] = bit;
        }
    }

    /** Whether a value of type {@code t} is or holds thread ids (the slots a permutation maps). */
    static boolean holdsThreads(Type t) {
        return switch (t) {
            case Type.Id id -> id.kind() == Type.IdKind.THREAD;
            case Type.SetOf set -> holdsThreads(set.elem());
            case Type.ListOf l -> holdsThreads(l.elem());
            case Type.Array a -> holdsThreads(a.elem()) || holdsThreads(a.index());
            case Type.Record r -> r.fields().stream().anyMatch(f -> holdsThreads(f.type()));
            default -> false;
        };
    }

    private void walk(String name, Type t, int at, int list, int index, int step) {
        switch (t) {
            case Type.Id id -> mark(at, id.kind() == Type.IdKind.THREAD ? ID : PLAIN, list, index, step);
            case Type.SetOf s -> mark(at, s.elem() instanceof Type.Id id && id.kind() == Type.IdKind.THREAD ? BITS
                    : PLAIN, list, index, step);
            case Type.Lock l -> {
                mark(at, HOLDER, -1, index, step);
                if (l.kind() == Type.LockKind.RWSEM) {
                    mark(at + 1, BITS, -1, index, step);
                    mark(at + 2, BITS, -1, index, step);
                }
            }
            case Type.ListOf l -> {
                mark(at, PLAIN, -1, index, step);
                for (int i = 0; i < l.capacity(); i++) {
                    walk(name, l.elem(), at + 1 + i, at, index, step);
                }
            }
            case Type.Record r -> {
                int f = at;
                for (Type.Field field : r.fields()) {
                    walk(name, field.type(), f, list, index, step);
                    f += layout.width(field.type());
                }
            }
            case Type.Array a -> array(name, a, at, list, index, step);
            default -> mark(at, PLAIN, list, index, step);
        }
    }

    private void array(String name, Type.Array a, int at, int list, int index, int step) {
        int w = layout.width(a.elem());
        int n = layout.count(a.index());
        boolean byThread = a.index() instanceof Type.Id id && id.kind() == Type.IdKind.THREAD;
        if (byThread && index >= 0 && refusal == null) {
            refusal = name + " is indexed by thread_t twice";
        }
        for (int i = 0; i < n; i++) {
            if (byThread) {
                walk(name, a.elem(), at + i * w, list, i, w);
            } else {
                walk(name, a.elem(), at + i * w, list, index, step);
            }
        }
    }

    private void mark(int at, byte k, int list, int index, int step) {
        if (at < 0 || at >= kind.length) {
            return;
        }
        kind[at] = k;
        listHead[at] = list;
        elem[at] = index;
        stride[at] = step;
        touched |= k != PLAIN || index >= 0;
    }

    /**
     * Writes the image of {@code n} slots of {@code s} from {@code from} to {@code out} from {@code to}: each
     * value mapped by {@code perm} (thread {@code t} becomes {@code perm[t]}), each element of a
     * thread-indexed array moved to its permuted index; the slots of tracked locals not in {@code live}
     * ({@link Assigned}) cleared.
     */
    void image(int[] s, int from, int[] out, int to, int[] perm, int n, long live) {
        if (!touched) {
            System.arraycopy(s, from, out, to, n);   // nothing here holds a thread id
            return;
        }
        for (int j = 0; j < n; j++) {
            int v = owner[j] >= 0 && (live & (1L << owner[j])) == 0 ? 0 : mapped(s, from, j, perm);
            int e = elem[j];
            out[to + (e < 0 ? j : j + (perm[e] - e) * stride[j])] = v;
        }
    }

    private int mapped(int[] s, int from, int j, int[] perm) {
        int v = s[from + j];
        if (kind[j] == PLAIN || listHead[j] >= 0 && j - listHead[j] > s[from + listHead[j]]) {
            return v;
        }
        return switch (kind[j]) {
            case ID -> id(v, perm);
            case BITS -> bits(v, perm);
            default -> v > 0 && v <= perm.length ? perm[v - 1] + 1 : v;
        };
    }

    /**
     * The sort key of {@code n} slots of {@code s} from {@code from} for thread {@code self}: a value that a
     * permutation does not change — a thread id becomes {@code -2} for {@code self}, {@code -3 - c} for a
     * thread of class {@code c}, and stays for a thread no permutation moves; sets of threads and
     * thread-indexed arrays become 0.
     */
    void key(int[] s, int from, int[] out, int to, int self, int[] classOf, int n, long live) {
        if (!touched) {
            System.arraycopy(s, from, out, to, n);
            return;
        }
        for (int j = 0; j < n; j++) {
            int v = s[from + j];
            if (elem[j] >= 0 || kind[j] == BITS || kind[j] == HOLDER
                    || owner[j] >= 0 && (live & (1L << owner[j])) == 0) {
                v = 0;
            } else if (kind[j] == ID && !(listHead[j] >= 0 && j - listHead[j] > s[from + listHead[j]])) {
                v = v == self ? -2 : v >= 0 && v < classOf.length && classOf[v] >= 0 ? -3 - classOf[v] : v;
            }
            out[to + j] = v;
        }
    }

    static int id(int v, int[] perm) {
        return v >= 0 && v < perm.length ? perm[v] : v;
    }

    static int bits(int v, int[] perm) {
        int out = v & ~((1 << perm.length) - 1);
        for (int i = 0; i < perm.length; i++) {
            if ((v & (1 << i)) != 0) {
                out |= 1 << perm[i];
            }
        }
        return out;
    }
}
