package org.mmspec.ref.filemap;

import static org.mmspec.ref.state.Layout.F_IMMAP_READERS;
import static org.mmspec.ref.state.Layout.F_KIND;
import static org.mmspec.ref.state.Layout.F_NRPAGES;
import static org.mmspec.ref.state.Layout.F_SIZE;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * Files, their {@code address_space} (the page cache, a radix tree indexed by page offset; a small
 * array here) and {@code i_mmap} (mm/filemap.c, include/linux/fs.h). The file's contents on disk are
 * one data token per page. {@code mapping->tree_lock} is taken and released inside single steps.
 * A ghost copy of the contents every writer intended ({@code logical}) lets invariants check that
 * no data is lost and no private write leaks into the file.
 */
public final class PageCache {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Lru lru;
    private final Locks locks;

    public PageCache(Config c, Layout l, Mem m, Pages pages, Lru lru, Locks locks) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.lru = lru;
        this.locks = locks;
    }

    /**
     * Creates a file with the given per-page contents (setup, not a kernel call). Returns its id.
     */
    public int createFile(FileKind kind, int[] contents) {
        if (contents.length > c.filePages()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 3, contents.length);
        }
        for (int f = 0; f < c.nrFiles(); f++) {
            if (m.get(l.file(f, F_KIND)) == 0) {
                m.set(l.file(f, F_KIND), kind.ordinal() + 1);
                m.set(l.file(f, F_SIZE), contents.length);
                for (int i = 0; i < contents.length; i++) {
                    m.set(l.fileDisk(f, i), contents[i]);
                    m.set(l.fileLogical(f, i), contents[i]);
                }
                return f;
            }
        }
        throw new Oops(OopsKind.MODEL_CAPACITY, 4, c.nrFiles());
    }

    public boolean exists(int file) {
        return file >= 0 && file < c.nrFiles() && m.get(l.file(file, F_KIND)) != 0;
    }

    public FileKind kind(int file) {
        return FileKind.of(m.get(l.file(file, F_KIND)) - 1);
    }

    /** {@code i_size_read()} in pages. */
    public int sizeInPages(int file) {
        return m.get(l.file(file, F_SIZE));
    }

    public int nrpages(int file) {
        return m.get(l.file(file, F_NRPAGES));
    }

    public int disk(int file, int index) {
        return m.get(l.fileDisk(file, index));
    }

    public void writeDisk(int file, int index, int token) {
        m.set(l.fileDisk(file, index), token);
    }

    /** The write-back I/O of a page-cache page: its contents go to the file block, as one DMA transfer. */
    public void writeOut(int file, int index, int pfn) {
        m.compoundBegin();
        writeDisk(file, index, pages.data(pfn));
        m.compoundEnd();
    }

    /** The read-in I/O ({@code ->readpage}): the block's contents go to the page, as one DMA transfer. */
    public void readIn(int file, int index, int pfn) {
        m.compoundBegin();
        pages.setData(pfn, disk(file, index));
        m.compoundEnd();
    }

    /** Ghost: what a writer intends page {@code index} to hold from now on (not a kernel access). */
    public void recordLogical(int file, int index, int token) {
        m.ghostBegin();
        setLogical(file, index, token);
        m.ghostEnd();
    }

    /** Ghost: the contents writers intended for page {@code index}. */
    public int logical(int file, int index) {
        return m.get(l.fileLogical(file, index));
    }

    public void setLogical(int file, int index, int token) {
        m.set(l.fileLogical(file, index), token);
    }

    /**
     * The page-cache page at {@code index} without taking a reference ({@code radix_tree_lookup}), or -1.
     * The lookup that takes a reference is the step machine {@code pagecache.FindGetPage}.
     */
    public int lookup(int file, int index) {
        int slot = m.get(l.fileCache(file, index));
        return slot > 0 ? slot - 1 : -1;
    }

    // ---- shmem's swap entries in the page cache (mm/shmem.c, Linux 4.x exceptional radix entries) ----

    /** The swap offset a shmem file's page-cache slot holds instead of a page, or 0. */
    public int swapEntry(int file, int index) {
        int slot = m.get(l.fileCache(file, index));
        return slot < 0 ? -slot : 0;
    }

    /**
     * {@code shmem_delete_from_page_cache(page, radswap)}: the page leaves the cache and its slot keeps the
     * swap entry the page now caches, under {@code tree_lock}; the caller drops the cache's reference.
     * Context: page locked.
     */
    public void replacePageWithSwapEntry(int pfn, int offset) {
        Pages p = pages;
        int file = Mapping.target(p.mapping(pfn));
        treeLock(file);
        m.set(l.fileCache(file, p.index(pfn)), -offset);
        m.add(l.file(file, F_NRPAGES), -1);
        p.setMapping(pfn, Mapping.NULL);
        treeUnlock(file);
    }

    /**
     * {@code shmem_add_to_page_cache(page, mapping, index, radswap)}: a swapped-in page replaces the swap
     * entry at {@code index}, if the slot still holds that entry (else false: the file was truncated or
     * another task brought the page in). The cache takes a reference. Context: page locked; takes {@code
     * tree_lock}.
     */
    public boolean replaceSwapEntryWithPage(int file, int index, int offset, int pfn) {
        treeLock(file);
        boolean replaced = m.get(l.fileCache(file, index)) == -offset;
        if (replaced) {
            Pages p = pages;
            p.refs().getPage(pfn);
            p.setMapping(pfn, Mapping.file(file));
            p.setIndex(pfn, index);
            m.set(l.fileCache(file, index), pfn + 1);
            m.add(l.file(file, F_NRPAGES), 1);
        }
        treeUnlock(file);
        return replaced;
    }

    /**
     * {@code shmem_free_swap()}'s radix-tree part: under {@code tree_lock}, the swap entry at {@code index}
     * leaves the cache. Returns its swap offset, or 0 if the slot held none.
     */
    public int takeSwapEntry(int file, int index) {
        treeLock(file);
        int slot = m.get(l.fileCache(file, index));
        if (slot < 0) {
            m.set(l.fileCache(file, index), 0);
        }
        treeUnlock(file);
        return slot < 0 ? -slot : 0;
    }

    /** {@code spin_lock_irq(&mapping->tree_lock)}: held only inside the step (an event for the audit). */
    public void treeLock(int file) {
        m.lockScoped(ScopedLock.TREE_LOCK, file);
    }

    public void treeUnlock(int file) {
        m.unlockScoped(ScopedLock.TREE_LOCK, file);
    }

    /**
     * {@code __add_to_page_cache_locked(page, mapping, index)} (mm/filemap.c, Linux 4.9): the cache's
     * reference, {@code page->mapping} and {@code page->index} (a shmem page is swap-backed), then under
     * {@code tree_lock} the insertion — or, if another page got there first, {@code -EEXIST}: the fields
     * are undone and the reference dropped. Returns whether it was inserted. The LRU insertion of
     * {@code add_to_page_cache_lru()} is the caller's next action ({@link Lru#lruCacheAdd}). Context: the page
     * is new (not yet published) and locked by the caller.
     */
    public boolean addToPageCacheLocked(int pfn, int file, int index) {
        Pages p = pages;
        p.refs().getPage(pfn);
        p.setMapping(pfn, Mapping.file(file));
        p.setIndex(pfn, index);
        if (kind(file) == FileKind.SHMEM) {
            p.setPageFlagNonAtomic(pfn, PageFlag.SWAPBACKED);
        }
        treeLock(file);
        boolean inserted = m.get(l.fileCache(file, index)) == 0;   // a shmem swap entry is no hole
        if (inserted) {
            m.set(l.fileCache(file, index), pfn + 1);
            m.add(l.file(file, F_NRPAGES), 1);
        }
        treeUnlock(file);
        if (!inserted) {
            p.setMapping(pfn, Mapping.NULL);
            lru.putPage(pfn);
        }
        return inserted;
    }

    /**
     * {@code add_to_page_cache_lru(page, mapping, index)} in one go, for sequential callers: into the cache
     * and onto the LRU. Returns false ({@code -EEXIST}) if another page got there first.
     */
    public boolean addToPageCacheLru(int pfn, int file, int index) {
        if (!addToPageCacheLocked(pfn, file, index)) {
            return false;
        }
        lru.lruCacheAdd(pfn);
        return true;
    }

    /**
     * {@code __delete_from_page_cache(page)}: takes the page out of the cache; the caller drops the
     * cache's reference. Context: page locked, {@code tree_lock}.
     */
    public void deleteFromPageCache(int pfn) {
        Pages p = pages;
        int file = Mapping.target(p.mapping(pfn));
        int index = p.index(pfn);
        m.set(l.fileCache(file, index), 0);
        m.add(l.file(file, F_NRPAGES), -1);
        p.setMapping(pfn, Mapping.NULL);
    }

    /**
     * {@code delete_from_page_cache(page)}'s {@code tree_lock} section: {@link #deleteFromPageCache} under
     * the lock. The caller drops the cache's reference next. Context: page locked.
     */
    public void deleteFromPageCacheUnderTreeLock(int pfn) {
        int file = Mapping.target(pages.mapping(pfn));
        treeLock(file);
        deleteFromPageCache(pfn);
        treeUnlock(file);
    }

    /**
     * A hole punched at {@code index}: the file reads back zeroes there. The model's record of it (the
     * block and the intended contents), not a kernel access: shmem keeps no block for a hole.
     */
    public void punchHole(int file, int index) {
        m.ghostBegin();
        writeDisk(file, index, 0);
        setLogical(file, index, 0);
        m.ghostEnd();
    }

    /** The file a page-cache page belongs to ({@code page->mapping}), or -1. Context: page locked. */
    public int fileOf(int pfn) {
        int mapping = pages.mapping(pfn);
        return Mapping.isFile(mapping) ? Mapping.target(mapping) : -1;
    }

    // ---- i_mmap_rwsem ----

    /** {@code i_mmap_lock_read(mapping)}: false when the step must block. */
    public boolean immapLockRead(int file) {
        return locks.downRead(immapRwsem(file), LockClass.I_MMAP, BlockKind.I_MMAP_READ, file);
    }

    /** The words of {@code mapping->i_mmap_rwsem}. */
    public Locks.Rwsem immapRwsem(int file) {
        return new Locks.Rwsem(l.file(file, F_IMMAP_READERS));
    }

    public void immapUnlockRead(int file) {
        locks.upRead(immapRwsem(file), LockClass.I_MMAP);
    }

    /** {@code i_mmap_lock_write(mapping)}: false when the step must block. */
    public boolean immapLockWrite(int file) {
        return locks.downWrite(immapRwsem(file), LockClass.I_MMAP, BlockKind.I_MMAP_WRITE, file);
    }

    public void immapUnlockWrite(int file) {
        locks.upWrite(immapRwsem(file), LockClass.I_MMAP);
    }

    /** Whether nobody holds the file's {@code i_mmap_rwsem} and nobody waits for it. */
    public boolean immapUnlocked(int file) {
        return locks.idle(immapRwsem(file));
    }
}
