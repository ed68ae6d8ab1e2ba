package org.mmspec.spec.types;

import java.util.List;

/**
 * The types of the spec language. Values of every scalar type are ints at run time: booleans 0/1,
 * enums their ordinal, ids {@code -1} for {@code NULL} or {@code 0..n-1}, PTEs a packed word, sets a
 * bit mask. Aggregates (records, arrays, lists, locks) occupy several slots of a state.
 */
public sealed interface Type {

    /** How the type is written in messages. */
    String show();

    /** Scalar: one slot, usable as a value in any expression. */
    default boolean scalar() {
        return true;
    }

    record Bool() implements Type {
        public String show() {
            return "bool";
        }
    }

    /** A bounded integer; plain {@code int} is {@code Int(MIN_VALUE, MAX_VALUE)}. */
    record Int(long lo, long hi) implements Type {
        public static final Int ANY = new Int(Integer.MIN_VALUE, Integer.MAX_VALUE);

        public boolean unbounded() {
            return lo == Integer.MIN_VALUE && hi == Integer.MAX_VALUE;
        }

        public String show() {
            return unbounded() ? "int" : "int<" + lo + ".." + hi + ">";
        }
    }

    record Enum(String name, List<String> members) implements Type {
        public Enum {
            members = List.copyOf(members);
        }

        public String show() {
            return name;
        }
    }

    /** Identifiers of the built-in MM objects; {@code NULL} is {@code -1}. */
    record Id(IdKind kind) implements Type {
        public String show() {
            return kind.typeName();
        }
    }

    /** The type of the {@code NULL} literal, assignable to every id type. */
    record Null() implements Type {
        public String show() {
            return "NULL";
        }
    }

    /** A page-table entry value: present/write/dirty/young bits and a pfn, or a swap entry, or none. */
    record Pte() implements Type {
        public String show() {
            return "pte_t";
        }
    }

    /** A finite set of a finite element type, kept as a bit mask. */
    record SetOf(Type elem) implements Type {
        public String show() {
            return elem instanceof Enum e && e.name().equals(Builtins.PAGEFLAG) ? "pageflags_t"
                    : "set<" + elem.show() + ">";
        }
    }

    /** A bounded list of scalars (wait queues, LRU lists). */
    record ListOf(Type elem, int capacity) implements Type {
        public String show() {
            return "list<" + elem.show() + ", " + capacity + ">";
        }

        public boolean scalar() {
            return false;
        }
    }

    /** A fixed array or map: one element per value of the finite {@code index} type. */
    record Array(Type elem, Type index) implements Type {
        public String show() {
            return index instanceof Int i && i.lo() == 0 ? elem.show() + "[" + (i.hi() + 1) + "]"
                    : "map<" + index.show() + ", " + elem.show() + ">";
        }

        public boolean scalar() {
            return false;
        }
    }

    record Record(String name, List<Field> fields) implements Type {
        public Record {
            fields = List.copyOf(fields);
        }

        public String show() {
            return name;
        }

        public boolean scalar() {
            return false;
        }

        public Field field(String fieldName) {
            for (Field f : fields) {
                if (f.name().equals(fieldName)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A record field. */
    record Field(String name, Type type) {
    }

    /** A lock: {@code mutex}, {@code spinlock_t} or {@code rwsem}. */
    record Lock(LockKind kind) implements Type {
        public String show() {
            return kind.typeName();
        }

        public boolean scalar() {
            return false;
        }
    }

    record Void() implements Type {
        public String show() {
            return "void";
        }
    }

    /** The type of an expression that already has an error; compatible with everything. */
    record Error() implements Type {
        public String show() {
            return "<error>";
        }
    }

    /** The built-in id kinds and the {@code memory} size naming each domain. */
    enum IdKind {
        PFN("pfn_t", "pages"), MM("mm_t", "mms"), VMA("vma_t", "vmas"), THREAD("thread_t", null);

        private final String typeName;
        private final String sizeName;

        IdKind(String typeName, String sizeName) {
            this.typeName = typeName;
            this.sizeName = sizeName;
        }

        public String typeName() {
            return typeName;
        }

        /** The {@code memory { ... }} item giving the domain size; null for threads (set by the scenario). */
        public String sizeName() {
            return sizeName;
        }
    }

    /** Lock kinds. */
    enum LockKind {
        MUTEX("mutex"), SPINLOCK("spinlock_t"), RWSEM("rwsem");

        private final String typeName;

        LockKind(String typeName) {
            this.typeName = typeName;
        }

        public String typeName() {
            return typeName;
        }
    }
}
