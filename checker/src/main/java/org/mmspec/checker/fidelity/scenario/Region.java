package org.mmspec.checker.fidelity.scenario;

import java.util.Objects;

/**
 * A named mapping created by one {@code mmap} step. Every region sits at a fixed virtual address,
 * {@link Layout#base(int)}, the same in every process and in the model; observations report all of its
 * pages, whatever later {@code munmap} or {@code mprotect} steps did to them.
 *
 * @param name scenario name, e.g. {@code r1}
 * @param index position among the scenario's regions (0-based), decides the address
 * @param pages length in pages
 * @param backing anonymous or file
 * @param sharing private or shared
 * @param prot protection at creation
 */
public record Region(String name, int index, int pages, Backing backing, Sharing sharing, Prot prot) {

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(prot, "prot");
    }

    /** The virtual address of the region's first page. */
    public long base() {
        return Layout.base(index);
    }

    /** The virtual address of page {@code page} of the region, for pages of {@code pageSize} bytes. */
    public long address(int page, int pageSize) {
        return base() + (long) page * pageSize;
    }
}
