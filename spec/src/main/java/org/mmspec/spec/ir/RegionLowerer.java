package org.mmspec.spec.ir;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ExprPrinter;
import org.mmspec.spec.resolve.Symbol;
import org.mmspec.spec.types.CheckedDiscipline;
import org.mmspec.spec.types.Type;

/** Lowers the checked disciplines of a program's globals to {@link Region}s for one scenario's layout. */
final class RegionLowerer {

    private final ExprLowerer x;

    RegionLowerer(ExprLowerer x) {
        this.x = x;
    }

    /** One region per global, in state order. */
    List<Region> regions() {
        List<Region> out = new ArrayList<>();
        for (Symbol.Global g : x.program().scope().globals()) {
            out.add(region(g.name(), x.program().discipline(g.name())));
        }
        return out;
    }

    private Region region(String name, CheckedDiscipline d) {
        Layout layout = x.layout();
        Type t = x.program().globalType(name);
        String owner = d.frame().owner();
        layout.frame(owner, d.frame());
        int dims = 0;
        for (Type u = t; u instanceof Type.Array; u = ((Type.Array) u).elem()) {
            dims++;
        }
        int[] lo = new int[dims];
        int[] stride = new int[dims];
        int[] indexOffsets = new int[dims];
        Type u = t;
        for (int k = 0; k < dims; k++) {
            Type.Array a = (Type.Array) u;
            lo[k] = Layout.lo(a.index());
            stride[k] = layout.width(a.elem());
            indexOffsets[k] = k < d.indices().size() ? layout.localOffset(owner, d.indices().get(k).index()) : -1;
            u = a.elem();
        }
        Type element = u;
        List<Region.Group> groups = new ArrayList<>();
        int elemLo = element instanceof Type.SetOf s ? Layout.lo(s.elem()) : 0;
        for (CheckedDiscipline.Group g : d.groups()) {
            int mask = 0;
            for (int m : g.members()) {
                mask |= 1 << (m - elemLo);
            }
            groups.add(new Region.Group(mask, scope(g.scope(), owner)));
        }
        IrExpr privateWhen = d.privateWhen() == null ? null : x.lower(d.privateWhen(), owner);
        boolean rwsem = element instanceof Type.Lock l && l.kind() == Type.LockKind.RWSEM;
        return new Region(name, layout.globalOffset(name), layout.width(t), lo, stride, element,
                scope(d.whole(), owner), groups, privateWhen, d.withinStep(), rwsem, layout.frameSize(owner),
                indexOffsets);
    }

    private Region.Scope scope(CheckedDiscipline.Scope s, String owner) {
        List<Region.Guard> guards = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Expr g : s.guards()) {
            Type t = x.program().type(g);
            texts.add(ExprPrinter.print(g));
            if (t instanceof Type.Lock l) {
                guards.add(new Region.Guard.Lock(x.place(g, owner), l.kind() == Type.LockKind.RWSEM));
            } else {
                guards.add(new Region.Guard.Condition(x.lower(g, owner)));
            }
        }
        IrExpr owned = s.lockOwner() == null ? null : x.lower(s.lockOwner(), owner);
        return new Region.Scope(s.kind(), guards, texts, s.racyReads(), s.atomicUpdates(), owned);
    }
}
