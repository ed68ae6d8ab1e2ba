package org.mmspec.spec.ir;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.CheckedProgram;
import org.mmspec.spec.types.ProcInfo;
import org.mmspec.spec.types.Type;

/** Names every scalar, list and lock of a state, for traces ({@code refcount[2]}, {@code T1.gup.flags}). */
final class Leaves {

    private final Layout layout;
    private final List<Leaf> out = new ArrayList<>();

    private Leaves(Layout layout) {
        this.layout = layout;
    }

    static List<Leaf> of(Layout layout) {
        Leaves l = new Leaves(layout);
        CheckedProgram p = layout.program();
        for (Symbol.Global g : p.scope().globals()) {
            l.expand(g.name(), p.globalType(g.name()), layout.globalOffset(g.name()), -1, -1);
        }
        for (int t = 0; t < layout.threadCount(); t++) {
            for (int proc = 0; proc < layout.procCount(); proc++) {
                int base = layout.frameBase(t, proc);
                if (base < 0) {
                    continue;
                }
                ProcInfo info = p.proc(layout.procName(proc));
                for (Symbol.Local local : info.frame().locals()) {
                    if (local.name().startsWith("#")) {
                        continue;
                    }
                    l.expand(layout.threadName(t) + "." + info.name() + "." + local.name(), local.type(),
                            base + layout.localOffset(info.name(), local.index()), t, proc);
                }
            }
        }
        return List.copyOf(l.out);
    }

    private void expand(String name, Type type, int offset, int thread, int proc) {
        switch (type) {
            case Type.Array a -> {
                int w = layout.width(a.elem());
                for (int i = 0; i < layout.count(a.index()); i++) {
                    expand(name + "[" + indexName(a.index(), i) + "]", a.elem(), offset + i * w, thread, proc);
                }
            }
            case Type.Record r -> {
                int at = offset;
                for (Type.Field f : r.fields()) {
                    expand(name + "." + f.name(), f.type(), at, thread, proc);
                    at += layout.width(f.type());
                }
            }
            default -> out.add(new Leaf(name, offset, layout.width(type), type, thread, proc));
        }
    }

    private String indexName(Type index, int i) {
        return switch (index) {
            case Type.Enum e -> e.members().get(i);
            case Type.Bool b -> i == 0 ? "false" : "true";
            case Type.Int n -> Long.toString(n.lo() + i);
            case Type.Id id -> id.kind() == Type.IdKind.THREAD ? layout.threadName(i) : Integer.toString(i);
            default -> Integer.toString(i);
        };
    }
}
