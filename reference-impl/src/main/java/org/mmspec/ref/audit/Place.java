package org.mmspec.ref.audit;

/**
 * Where a word lies: its {@link Region} and the objects that own it (a pfn, a zone, an mm and page
 * table, a file, a thread). Filled in place by {@link Regions#locate} so the audit allocates nothing per
 * access.
 */
final class Place {

    Region region;
    /** The owning object: pfn, zone, mm, anon_vma, file, swap slot or thread; -1 when none. */
    int owner;
    /** A second index: the page table of a PTE or PTL, the field of a page. */
    int sub;

    void set(Region region, int owner, int sub) {
        this.region = region;
        this.owner = owner;
        this.sub = sub;
    }
}
