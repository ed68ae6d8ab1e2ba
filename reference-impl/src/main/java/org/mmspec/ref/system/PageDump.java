package org.mmspec.ref.system;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.view.MmView;

/**
 * What the kernel prints about a page when it BUGs on it ({@code dump_page()}, mm/debug.c, Linux 4.x):
 * the page's refcount, mapcount, mapping and index, its flags, why it was dumped — plus, as the model can
 * see it, the PTEs that map it and who holds its lock.
 *
 * <pre>
 * page:pfn 1 count:1 mapcount:1 mapping:file0 index:0x0
 * flags: 0x4(uptodate)
 * page dumped because: VM_BUG_ON_PAGE(page_mapped(page))
 * mapped by: pte(mm1, 0x1000)
 * </pre>
 */
final class PageDump {

    /** The kernel BUGs whose object is a page frame. */
    private static final Set<OopsKind> ON_A_PAGE = EnumSet.of(OopsKind.PUT_PAGE_ON_FREE, OopsKind.GET_PAGE_ON_FREE,
            OopsKind.UNLOCK_UNLOCKED_PAGE, OopsKind.BAD_PAGE_STATE, OopsKind.MAP_FREED_PAGE, OopsKind.MAPCOUNT_UNDERFLOW,
            OopsKind.PAGE_STILL_MAPPED, OopsKind.END_WRITEBACK_NOT_WRITEBACK);

    private final Config config;
    private final List<String> threadNames;
    private MmView view;

    PageDump(Config config, List<String> threadNames) {
        this.config = config;
        this.threadNames = threadNames;
    }

    /** The dump for an oops of {@code kind} on object {@code obj} in {@code s}; none when it is not about a page. */
    List<String> dump(KernelState s, OopsKind kind, int obj, String message) {
        if (!ON_A_PAGE.contains(kind) || obj < 0 || obj >= config.nrPages()) {
            return List.of();
        }
        if (view == null) {
            view = new MmView(config);
        }
        view.reset(s);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "page:pfn %d count:%d mapcount:%d mapping:%s index:%#x", obj,
                view.pageCount(obj), view.pageMapcount(obj), Mapping.describe(view.mapping(obj)), view.index(obj)));
        out.add(String.format(Locale.ROOT, "flags: %#x(%s)", view.flags(obj), PageFlag.describe(view.flags(obj))));
        int in = message.indexOf(" in ");
        out.add("page dumped because: " + (in > 0 ? message.substring(0, in) : message));
        List<String> ptes = mappedBy(obj);
        out.add("mapped by: " + (ptes.isEmpty() ? "no PTE" : String.join(", ", ptes)));
        int holder = view.lockHolder(obj);
        if (holder > 0) {
            out.add("locked by: " + (holder - 1 < threadNames.size() ? threadNames.get(holder - 1) : "seq"));
        }
        return out;
    }

    /** The user PTEs that map {@code pfn}: {@code pte(mm1, 0x1000)}. */
    private List<String> mappedBy(int pfn) {
        List<String> out = new ArrayList<>();
        for (int mm = 1; mm < config.nrMms(); mm++) {
            if (!view.mmInUse(mm)) {
                continue;
            }
            for (int page = 0; page < config.userPages(); page++) {
                int addr = page << Geometry.PAGE_SHIFT;
                int pte = view.pte(mm, addr);
                if (Pte.ptePresent(pte) && Pte.ptePfn(pte) == pfn) {
                    out.add("pte(mm" + mm + ", 0x" + Integer.toHexString(addr) + ")");
                }
            }
        }
        return out;
    }
}
