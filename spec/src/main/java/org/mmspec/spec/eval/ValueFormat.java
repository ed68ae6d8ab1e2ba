package org.mmspec.spec.eval;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.types.Type;

/** Shows values in kernel-friendly form: enum names, {@code NULL}, thread names, PTE bits, flag sets. */
final class ValueFormat {

    private final Layout layout;

    ValueFormat(Layout layout) {
        this.layout = layout;
    }

    /** The value of type {@code t} stored at {@code at} in {@code s}. */
    String show(Type t, int[] s, int at) {
        return switch (t) {
            case Type.ListOf l -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < Math.min(s[at], l.capacity()); i++) {
                    items.add(scalar(l.elem(), s[at + 1 + i]));
                }
                yield "[" + String.join(", ", items) + "]";
            }
            case Type.Lock l -> lock(l, s, at);
            default -> scalar(t, s[at]);
        };
    }

    String scalar(Type t, int v) {
        return switch (t) {
            case Type.Bool b -> v != 0 ? "true" : "false";
            case Type.Enum e -> v >= 0 && v < e.members().size() ? e.members().get(v) : Integer.toString(v);
            case Type.Id id -> v < 0 ? "NULL" : id.kind() == Type.IdKind.THREAD ? layout.threadName(v)
                    : Integer.toString(v);
            case Type.Pte p -> PteBits.render(v);
            case Type.SetOf set -> {
                List<String> items = new ArrayList<>();
                for (int k = 0; k < 32; k++) {
                    if ((v & (1 << k)) != 0) {
                        items.add(scalar(set.elem(), Layout.lo(set.elem()) + k));
                    }
                }
                yield "{" + String.join(", ", items) + "}";
            }
            default -> Integer.toString(v);
        };
    }

    private String lock(Type.Lock l, int[] s, int at) {
        if (l.kind() != Type.LockKind.RWSEM) {
            return s[at] == 0 ? "free" : "held by " + layout.threadName(s[at] - 1);
        }
        String waiting = s[at + 2] == 0 ? "" : "; writers waiting: " + readers(s[at + 2]);
        if (s[at] != 0) {
            return "write-held by " + layout.threadName(s[at] - 1) + waiting;
        }
        if (s[at + 1] == 0) {
            return "free" + waiting;
        }
        return "read-held by " + readers(s[at + 1]) + waiting;
    }

    String readers(int mask) {
        List<String> names = new ArrayList<>();
        for (int t = 0; t < 31; t++) {
            if ((mask & (1 << t)) != 0) {
                names.add(layout.threadName(t));
            }
        }
        return String.join(", ", names);
    }
}
