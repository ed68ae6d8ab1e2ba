package org.mmspec.ref.mremap;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.mmap.Unmapper;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new)} → {@code move_vma()} (mm/mremap.c,
 * Linux 4.9): under {@code mmap_sem} for write, move a range to another (unmapped, in the model) address
 * of the same size. {@code copy_vma()} creates the destination VMA — same anon_vma chain and file offset,
 * so rmap finds the pages at the new address ({@code anon_vma_clone} under the anon_vma root's rwsem,
 * {@code vma_link} under {@code i_mmap_rwsem}); {@code move_page_tables()} then moves the PTEs one table
 * at a time ({@code move_ptes}): with the rmap locks if the rmap walk could otherwise miss a PTE in flight
 * ({@code need_rmap_locks}), the old PTE lock and — if the new PTE lives in another table — the new one
 * ({@code spin_lock_nested}), after flushing what reclaim deferred ({@code flush_tlb_batched_pending},
 * 4.13: a racy look at {@code mm->tlb_flush_batched}, {@code flush_tlb_mm}, the flag cleared — each an
 * action); each PTE is cleared and set at the new address. Other CPUs may keep writing through cached
 * translations of the old address: a dirty PTE forces the flush while both PTE locks are still held
 * (5d1904204c99), otherwise one {@code flush_tlb_range()} of the old range follows the move. Finally
 * {@code do_munmap()} of the old, now empty range: the VMA leaves the anon_vma chains, then — an action
 * later — the file's {@code i_mmap}, and is removed (its empty PTEs need no zap, so the model does none).
 *
 * <p>{@code need_rmap_locks}: 4.x takes them when {@code vma_merge()} gave a destination VMA that the rmap
 * walk may visit before the source (its {@code vm_pgoff} is not above the source's); a new, unmerged VMA
 * is linked after the source and needs none. The model does not merge VMAs, and its rmap walk visits a
 * process's VMAs in address order: the destination comes first exactly when it lies below the source, and
 * then the model takes the rmap locks, as the kernel does whenever the walk order would let it miss a PTE.
 * Context: process.
 *
 * <p>Arguments: mm, old address, length, new address. Returns the new address, {@code -EINVAL},
 * {@code -EFAULT} or {@code -ENOMEM}.
 */
public final class Mremap extends Procedure {

    public static final int EFAULT = -14;

    private static final int MM = 0;
    private static final int OLD = 1;
    private static final int LEN = 2;
    private static final int NEW = 3;
    /** Offset of the next extent to move. */
    private static final int CURSOR = 4;
    private static final int STATE = 5;
    /** End offset of the extent being moved. */
    private static final int EXTENT = 6;

    private static final int NEED_RMAP_LOCKS = 1;
    private static final int NEED_FLUSH = 2;
    private static final int FILE_LOCKED = 4;
    private static final int ANON_LOCKED = 8;
    private static final int NEW_PTL = 16;

    private static final int DOWN_WRITE = 0;
    private static final int COPY_VMA = 1;
    private static final int EXTENT_START = 2;
    private static final int RMAP_ANON = 3;
    private static final int OLD_PTL = 4;
    private static final int NEW_PTL_LOCK = 5;
    private static final int MOVE_PTES = 6;
    private static final int UNLOCK = 7;
    private static final int FINISH = 8;
    private static final int UNMAP_OLD = 9;
    private static final int LINK_FILE = 10;
    private static final int BATCHED = 11;
    private static final int RMAP_FILE = 12;
    private static final int LOCKED = 13;
    private static final int BATCH_FLUSHED = 14;
    private static final int FLUSHED = 15;
    private static final int REMOVE_VMA = 16;
    private static final int BATCH_CLEAR = 17;

    private final PageTables pageTables;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Mmap mmap;
    private final Unmapper unmapper;
    private final Tlb tlb;
    private final FlushTlb flushTlb;

    public Mremap(PageTables pageTables, PageCache pageCache, Vmas vmas, Mms mms, AnonVmas anonVmas, Mmap mmap,
            Unmapper unmapper, Tlb tlb, FlushTlb flushTlb) {
        super("mremap", "down_write_mmap_sem", "copy_vma", "move_page_tables", "take_rmap_locks:anon_vma",
                "move_ptes:pte_offset_map_lock", "move_ptes:spin_lock_nested", "move_ptes", "move_ptes:unlock",
                "move_page_tables:flush_tlb_range", "do_munmap", "copy_vma:i_mmap_lock_write",
                "flush_tlb_batched_pending:flush_tlb_mm", "take_rmap_locks:i_mmap", "mm->tlb_flush_batched",
                "flush_tlb_mm:done", "flush_tlb_range:done", "do_munmap:unlink_file_vma+remove_vma",
                "mm->tlb_flush_batched = false");
        this.pageTables = pageTables;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.mmap = mmap;
        this.unmapper = unmapper;
        this.tlb = tlb;
        this.flushTlb = flushTlb;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        return switch (pc) {
            case DOWN_WRITE -> downWrite(c);
            case LINK_FILE -> linkFile(c);
            case COPY_VMA -> copyVma(c);
            case EXTENT_START -> extentStart(c);
            case RMAP_FILE -> rmapFile(c);
            case RMAP_ANON -> rmapAnon(c);
            case OLD_PTL -> oldPtl(c);
            case NEW_PTL_LOCK -> newPtl(c);
            case LOCKED -> c.yieldTo(tlb.tlbFlushBatched(c.local(MM)) ? BATCHED : MOVE_PTES);
            case BATCHED -> c.call(flushTlb, BATCH_FLUSHED, c.local(MM), 0, 0, 0);
            case BATCH_FLUSHED -> c.yieldTo(BATCH_CLEAR);
            case BATCH_CLEAR -> {
                tlb.setTlbFlushBatched(c.local(MM), false);
                yield c.yieldTo(MOVE_PTES);
            }
            case FLUSHED -> c.yieldTo(UNMAP_OLD);
            case REMOVE_VMA -> removeVma(c);
            case MOVE_PTES -> movePtes(c);
            case UNLOCK -> unlock(c);
            case FINISH -> finish(c);
            case UNMAP_OLD -> unmapOld(c);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 33, pc);
        };
    }

    private int oldVma(Ctx c) {
        return vmas.byStart(c.local(MM), c.local(OLD));
    }

    /** Validates the request, takes {@code mmap_sem} for write and splits the moved range off its VMA. */
    private Flow downWrite(Ctx c) {
        int mm = c.local(MM);
        int old = c.local(OLD);
        int len = c.local(LEN);
        int dst = c.local(NEW);
        if (!Geometry.isPageAligned(old) || !Geometry.isPageAligned(dst) || len <= 0 || !Geometry.isPageAligned(len)
                || dst < Mmap.MMAP_MIN_ADDR || dst < old + len && old < dst + len) {
            return c.ret(Mmap.EINVAL);
        }
        if (!mms.downWrite(mm)) {
            return Flow.BLOCK;
        }
        int vma = vmas.findVma(mm, old);
        if (vma < 0 || vmas.vmStart(vma) > old || vmas.vmEnd(vma) < old + len
                || (vmas.vmFlags(vma) & (VmFlags.VM_PFNMAP | VmFlags.VM_DONTEXPAND)) != 0) {
            mms.upWrite(mm);
            return c.ret(EFAULT);
        }
        if (!pageTables.isUserRange(dst, dst + len) || vmas.findVmaLinks(mm, dst, dst + len) == null) {
            mms.upWrite(mm);
            return c.ret(Vmas.ENOMEM);
        }
        mmap.splitAt(mm, old);
        mmap.splitAt(mm, old + len);
        c.set(STATE, dst < old ? NEED_RMAP_LOCKS : 0);
        return c.yieldTo(vmas.vmFile(oldVma(c)) >= 0 ? LINK_FILE : COPY_VMA);
    }

    /** {@code vma_link()} of a file VMA needs {@code i_mmap_rwsem} (taken first: it comes before anon_vma). */
    private Flow linkFile(Ctx c) {
        if (!pageCache.immapLockWrite(vmas.vmFile(oldVma(c)))) {
            return Flow.BLOCK;
        }
        return c.yieldTo(COPY_VMA);
    }

    /**
     * {@code copy_vma()}: the destination VMA, in the source's anon_vma chain ({@code anon_vma_clone} under
     * the root's rwsem) and at the same file offset, so the pages' {@code index} finds them there.
     */
    private Flow copyVma(Ctx c) {
        int vma = oldVma(c);
        Vmas.VmaSpec spec = vmas.spec(vma);
        if (spec.anonVma() >= 0 && !anonVmas.lockWrite(spec.anonVma())) {
            return Flow.BLOCK;
        }
        int dst = c.local(NEW);
        int len = c.local(LEN);
        int moved = vmas.insertVmStruct(c.local(MM), new Vmas.VmaSpec(dst, dst + len, spec.flags(), spec.file(),
                spec.pgoff(), spec.anonVma(), spec.avc()));
        if (spec.file() < 0 && spec.anonVma() >= 0) {
            vmas.adjust(moved, dst, dst + len, spec.pgoff());
        }
        anonVmas.chainCopied(spec.avc());
        if (spec.anonVma() >= 0) {
            anonVmas.unlockWrite(spec.anonVma());
        }
        if (spec.file() >= 0) {
            pageCache.immapUnlockWrite(spec.file());
        }
        return c.yieldTo(EXTENT_START);
    }

    private int tableEnd(int addr) {
        int tableSize = pageTables.tableSpan();
        return (addr & ~(tableSize - 1)) + tableSize;
    }

    /** The next extent (up to the end of the old or the new PTE table); the new table is allocated. */
    private Flow extentStart(Ctx c) {
        int off = c.local(CURSOR);
        int len = c.local(LEN);
        if (off >= len) {
            return c.next(FINISH);
        }
        int old = c.local(OLD) + off;
        int dst = c.local(NEW) + off;
        int end = Math.min(len, Math.min(tableEnd(old) - c.local(OLD), tableEnd(dst) - c.local(NEW)));
        c.set(EXTENT, end);
        int mm = c.local(MM);
        pageTables.pteAlloc(pageTables.pmdOffset(pageTables.pgdOffset(mm, dst), dst));
        return c.yieldTo(RMAP_FILE);
    }

    /** {@code take_rmap_locks()}: the file's {@code i_mmap_rwsem} for write first. */
    private Flow rmapFile(Ctx c) {
        if ((c.local(STATE) & NEED_RMAP_LOCKS) != 0 && vmas.vmFile(oldVma(c)) >= 0) {
            if (!pageCache.immapLockWrite(vmas.vmFile(oldVma(c)))) {
                return Flow.BLOCK;
            }
            c.set(STATE, c.local(STATE) | FILE_LOCKED);
            return c.yieldTo(RMAP_ANON);
        }
        return c.next(RMAP_ANON);
    }

    /** {@code take_rmap_locks()}: the anon_vma's rwsem for write, after {@code i_mmap_rwsem}. */
    private Flow rmapAnon(Ctx c) {
        int av = vmas.anonVma(oldVma(c));
        if ((c.local(STATE) & NEED_RMAP_LOCKS) != 0 && av >= 0) {
            if (!anonVmas.lockWrite(av)) {
                return Flow.BLOCK;
            }
            c.set(STATE, c.local(STATE) | ANON_LOCKED);
            return c.yieldTo(OLD_PTL);
        }
        return c.next(OLD_PTL);
    }

    private int pmdOf(int mm, int addr) {
        return pageTables.pmdOffset(pageTables.pgdOffset(mm, addr), addr);
    }

    private Flow oldPtl(Ctx c) {
        int mm = c.local(MM);
        int old = c.local(OLD) + c.local(CURSOR);
        int oldPmd = pmdOf(mm, old);
        if (pageTables.pmdNone(oldPmd)) {
            return c.next(UNLOCK);
        }
        if (pageTables.pteOffsetMapLock(oldPmd, old) < 0) {
            return Flow.BLOCK;
        }
        int dst = c.local(NEW) + c.local(CURSOR);
        if (pageTables.pteLockptr(pmdOf(mm, dst)) != pageTables.pteLockptr(oldPmd)) {
            c.set(STATE, c.local(STATE) | NEW_PTL);
            return c.yieldTo(NEW_PTL_LOCK);
        }
        return c.next(LOCKED);
    }

    /** {@code spin_lock_nested(new_ptl)}: a blocking acquisition of its own. */
    private Flow newPtl(Ctx c) {
        int dst = c.local(NEW) + c.local(CURSOR);
        if (pageTables.pteOffsetMapLock(pmdOf(c.local(MM), dst), dst) < 0) {
            return Flow.BLOCK;
        }
        return c.next(LOCKED);
    }

    /**
     * The loop of {@code move_ptes()}: each PTE of the extent moves to the new address (ghost: so does what
     * the user last stored there). A dirty present PTE forces the flush before the old PTE lock is dropped.
     */
    private Flow movePtes(Ctx c) {
        int mm = c.local(MM);
        boolean force = false;
        for (int off = c.local(CURSOR); off < c.local(EXTENT); off += Geometry.PAGE_SIZE) {
            int old = c.local(OLD) + off;
            int dst = c.local(NEW) + off;
            int oldPtep = pageTables.walk(mm, old);
            int pte = pageTables.read(oldPtep);
            mms.setLogical(mm, dst, mms.logical(mm, old));
            mms.setLogical(mm, old, Mms.FOLLOWS_BACKING);
            if (Pte.pteNone(pte)) {
                continue;
            }
            pageTables.ptepGetAndClear(oldPtep);
            force |= Pte.ptePresent(pte) && Pte.pteDirty(pte);
            pageTables.setPteAt(mm, dst, pageTables.walk(mm, dst), pte);
        }
        if (force) {
            int start = c.local(OLD) + c.local(CURSOR);
            return c.call(flushTlb, UNLOCK, mm, start, c.local(OLD) + c.local(EXTENT), 0);
        }
        c.set(STATE, c.local(STATE) | NEED_FLUSH);
        return c.next(UNLOCK);
    }

    /** {@code spin_unlock(new_ptl)}, {@code pte_unmap_unlock(old)}, {@code drop_rmap_locks()}; on to the next extent. */
    private Flow unlock(Ctx c) {
        int mm = c.local(MM);
        if ((c.local(STATE) & NEW_PTL) != 0) {
            int dst = c.local(NEW) + c.local(CURSOR);
            pageTables.pteUnmapUnlock(pageTables.walk(mm, dst));
        }
        int old = c.local(OLD) + c.local(CURSOR);
        if (!pageTables.pmdNone(pmdOf(mm, old))) {
            pageTables.pteUnmapUnlock(pageTables.walk(mm, old));
        }
        int state = c.local(STATE);
        int vma = oldVma(c);
        if ((state & ANON_LOCKED) != 0) {
            anonVmas.unlockWrite(vmas.anonVma(vma));
        }
        if ((state & FILE_LOCKED) != 0) {
            pageCache.immapUnlockWrite(vmas.vmFile(vma));
        }
        c.set(STATE, state & (NEED_RMAP_LOCKS | NEED_FLUSH));
        c.set(CURSOR, c.local(EXTENT));
        return c.yieldTo(EXTENT_START);
    }

    /** {@code move_page_tables()}'s deferred {@code flush_tlb_range()} of the old range. */
    private Flow finish(Ctx c) {
        if ((c.local(STATE) & NEED_FLUSH) != 0) {
            int old = c.local(OLD);
            return c.call(flushTlb, FLUSHED, c.local(MM), old, old + c.local(LEN), 0);
        }
        return c.next(UNMAP_OLD);
    }

    /** {@code do_munmap()} of the old range, whose PTEs are all gone: off the anon_vma chains. */
    private Flow unmapOld(Ctx c) {
        if (!unmapper.unlinkAnonVmas(oldVma(c))) {
            return Flow.BLOCK;
        }
        return c.yieldTo(REMOVE_VMA);
    }

    /** Out of the file's {@code i_mmap} and removed; then {@code up_write}. */
    private Flow removeVma(Ctx c) {
        int mm = c.local(MM);
        int old = c.local(OLD);
        if (unmapper.unlinkFileAndRemove(oldVma(c)) < 0) {
            return Flow.BLOCK;
        }
        tlb.revocationComplete(mm, old, old + c.local(LEN), false);
        mms.upWrite(mm);
        return c.ret(c.local(NEW));
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(OLD)) + "+0x" + Integer.toHexString(f.local(LEN))
                + " -> 0x" + Integer.toHexString(f.local(NEW));
    }
}
