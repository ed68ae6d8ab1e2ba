package org.mmspec.ref.unmap;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code unmap_mapping_range(mapping, holebegin, holelen, even_cows=0)} (mm/memory.c): under the file's
 * {@code i_mmap_rwsem} for write, zap the file pages of {@code [first, last)} in every VMA that maps
 * them; COW copies in private mappings stay. With {@link BugId#MADV_REMOVE_DEADLOCK} each file page is
 * locked while its PTE table is zapped, as {@code __split_huge_pmd()} did for shmem THPs under
 * {@code i_mmap_rwsem} — against the documented order (page lock before {@code i_mmap_rwsem}).
 * Context: process; no {@code mmap_sem} needed.
 *
 * <p>Arguments: file, first page offset, last page offset (exclusive).
 */
public final class UnmapMappingRange extends Procedure {

    private static final int FILE = 0;
    private static final int FIRST = 1;
    private static final int LAST = 2;
    /** The VMA visited last, (mm << 20 | start page) + 1. */
    private static final int CURSOR = 3;

    private static final int LOCK = 0;
    private static final int NEXT = 1;
    private static final int ZAPPED = 2;

    private final Config config;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final ZapPteRange zapPteRange;

    public UnmapMappingRange(Config config, PageCache pageCache, Vmas vmas, ZapPteRange zapPteRange) {
        super("unmap_mapping_range", "i_mmap_lock_write", "unmap_mapping_range_tree", "zap:done");
        this.config = config;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.zapPteRange = zapPteRange;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int file = c.local(FILE);
        switch (pc) {
            case LOCK -> {
                if (!pageCache.immapLockWrite(file)) {
                    return Flow.BLOCK;
                }
                return c.yieldTo(NEXT);
            }
            case NEXT -> {
                return next(c, file);
            }
            case ZAPPED -> {
                return c.yieldTo(NEXT);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 24, pc);
        }
    }

    private Flow next(Ctx c, int file) {
        Config cfg = config;
        Vmas v = vmas;
        for (int mm = 1; mm < cfg.nrMms(); mm++) {
            for (int s = 0; s < v.count(mm); s++) {
                int vma = v.slot(mm, s);
                int key = (mm << 20 | (v.vmStart(vma) >>> Geometry.PAGE_SHIFT)) + 1;
                if (key <= c.local(CURSOR) || v.vmFile(vma) != file) {
                    continue;
                }
                int from = Math.max(v.vmStart(vma), v.vmStart(vma) + ((c.local(FIRST) - v.vmPgoff(vma)) << Geometry.PAGE_SHIFT));
                int to = Math.min(v.vmEnd(vma), v.vmStart(vma) + ((c.local(LAST) - v.vmPgoff(vma)) << Geometry.PAGE_SHIFT));
                c.set(CURSOR, key);
                if (from >= to) {
                    continue;
                }
                int mode = ZapPteRange.SKIP_ANON | (c.bug(BugId.MADV_REMOVE_DEADLOCK) ? ZapPteRange.LOCK_FILE_PAGES : 0);
                return c.call(zapPteRange, ZAPPED, vma, from, to, mode);
            }
        }
        pageCache.immapUnlockWrite(file);
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " pgoff " + f.local(FIRST) + ".." + f.local(LAST);
    }
}
