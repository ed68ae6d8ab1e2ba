package org.mmspec.ref.reclaim;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.Swap;

/**
 * What {@link ShrinkPage} asks about a locked page's mapping — is it lazily freed, in the swap cache or a
 * file's page cache, a shmem page, where does its write-back go — and {@code __remove_mapping()}, which
 * takes it out of that cache. Each method is part of one step of {@code shrink_page_list()}.
 */
final class ReclaimMapping {

    /** What {@link #removeMapping} did. */
    sealed interface Removal {
        /** The page is kept: no mapping, references besides ours and the cache's, or dirty. */
        record Kept() implements Removal {
        }

        /** Out of the swap cache; its slot hold ({@code offset}) is freed next, then the page. */
        record FromSwapCache(int offset) implements Removal {
        }

        /** Out of the page cache, or a lazily freed page with its references frozen: free it. */
        record Freeable() implements Removal {
        }
    }

    private static final Removal KEPT = new Removal.Kept();
    private static final Removal FREEABLE = new Removal.Freeable();

    private final Pages pages;
    private final PageCache pageCache;
    private final Swap swap;

    ReclaimMapping(Pages pages, PageCache pageCache, Swap swap) {
        this.pages = pages;
        this.pageCache = pageCache;
        this.swap = swap;
    }

    /** A page given up with {@code MADV_FREE}: anonymous, no longer swap-backed. Context: page locked. */
    boolean lazyfree(int pfn) {
        return pages.pageAnon(pfn) && !pages.pageFlag(pfn, PageFlag.SWAPBACKED);
    }

    /** Whether the page has a mapping to unmap and free through: the swap cache or a file's page cache. */
    boolean inCache(int pfn) {
        return pages.pageFlag(pfn, PageFlag.SWAPCACHE) || pageCache.fileOf(pfn) >= 0;
    }

    /** A dirty shmem page: {@code pageout()} calls {@code shmem_writepage()}. */
    boolean shmemPage(int pfn) {
        return !pages.pageFlag(pfn, PageFlag.SWAPCACHE) && pages.pageFlag(pfn, PageFlag.SWAPBACKED);
    }

    /**
     * Where the write-back I/O goes, fixed when it is submitted (the page locked): the swap slot, or
     * {@code -(file << 16 | index) - 1}.
     */
    int ioTarget(int pfn) {
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            return p.pagePrivate(pfn);
        }
        return -(pageCache.fileOf(pfn) << 16 | p.index(pfn)) - 1;
    }

    /**
     * {@code __remove_mapping(mapping, page, true)} (or, for a lazily freed page, its reference-freezing
     * part alone): under {@code tree_lock}, freeze the references at two
     * (ours and the cache's), refuse a dirty page (unfreeze), and take the page out of the swap cache or
     * page cache; a swap-cache page's slot hold is freed next, then the page.
     */
    Removal removeMapping(int pfn) {
        Pages p = pages;
        boolean swapCache = p.pageFlag(pfn, PageFlag.SWAPCACHE);
        int file = swapCache ? -1 : pageCache.fileOf(pfn);
        if (!swapCache && file < 0 && lazyfree(pfn)) {
            // a lazily freed page try_to_unmap() discarded: follow __remove_mapping for reference
            if (!p.refs().pageRefFreeze(pfn, 1)) {
                return KEPT;
            }
            if (p.pageFlag(pfn, PageFlag.DIRTY)) {
                p.refs().pageRefUnfreeze(pfn, 1);
                return KEPT;
            }
            return FREEABLE;
        }
        if (!swapCache && file < 0) {
            return KEPT;
        }
        if (swapCache) {
            swap.treeLock();
        } else {
            pageCache.treeLock(file);
        }
        boolean frozen = p.refs().pageRefFreeze(pfn, 2);
        if (frozen && p.pageFlag(pfn, PageFlag.DIRTY)) {
            p.refs().pageRefUnfreeze(pfn, 2);
            frozen = false;
        }
        int offset = 0;
        if (frozen && swapCache) {
            offset = swap.deleteFromSwapCacheLocked(pfn);
        } else if (frozen) {
            pageCache.deleteFromPageCache(pfn);
        }
        if (swapCache) {
            swap.treeUnlock();
        } else {
            pageCache.treeUnlock(file);
        }
        if (!frozen) {
            return KEPT;
        }
        return swapCache ? new Removal.FromSwapCache(offset) : FREEABLE;
    }
}
