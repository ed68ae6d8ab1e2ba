package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/** get_user_pages, follow_page, /proc/pid/mem writes, remap_pfn_range and the VMA lookups. */
class GupAndMappingsTest {

    @Test
    void forcedWriteToAPrivateReadOnlyFileMappingLandsOnAnAnonymousCopy() {
        Machine m = new Machine();
        int mm = m.mm();
        int f = m.k.pageCache().createFile(FileKind.REGULAR_RO, new int[] {100});
        int a = m.mmapFile(mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE);
        assertEquals(new Outcome.Returned(0), m.k.run(AccessRemoteVm.class, mm, a, 666, 1));
        int copy = m.pfn(mm, a);
        assertTrue(m.k.pages().pageAnon(copy));
        assertEquals(666, m.load(mm, a));
        int pte = m.pte(mm, a);
        assertFalse(Pte.pteWrite(pte), "the VMA is not VM_WRITE: the COW copy stays read-only");
        assertTrue(Pte.pteDirty(pte));
        assertEquals(100, m.k.pages().data(m.k.pageCache().lookup(f, 0)), "the file's page cache is untouched");
        assertEquals(100, m.k.pageCache().disk(f, 0));
    }

    @Test
    void aPlainWriteToThatMappingIsAFaultButAReadWorks() {
        Machine m = new Machine();
        int mm = m.mm();
        int f = m.k.pageCache().createFile(FileKind.REGULAR_RO, new int[] {100});
        int a = m.mmapFile(mm, f, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE);
        assertEquals(100, m.load(mm, a));
        assertEquals(Foll.EFAULT, KernelApi.getUserPages(m.k, mm, a, Foll.FOLL_WRITE).value(),
                "FOLL_WRITE without FOLL_FORCE on a read-only VMA");
        assertEquals(-1, KernelApi.followPage(m.k, mm, a, Foll.FOLL_WRITE).value(),
                "a read-only PTE is not followed for a write");
        int page = KernelApi.followPage(m.k, mm, a, Foll.FOLL_GET).value();
        assertEquals(m.k.pageCache().lookup(f, 0), page);
        assertEquals(3, m.k.pages().pageCount(page), "page cache + PTE + FOLL_GET");
        m.k.lru().putPage(page);
    }

    @Test
    void getUserPagesFaultsInAndPinsThePage() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        int page = KernelApi.getUserPages(m.k, mm, a, Foll.FOLL_WRITE | Foll.FOLL_GET).value();
        assertEquals(page, m.pfn(mm, a));
        assertEquals(2, m.k.pages().pageCount(page));
        assertTrue(Pte.pteWrite(m.pte(mm, a)));
    }

    @Test
    void remapPfnRangeMapsSpecialPtesWithoutRefcounting() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 2);
        int vma = m.k.vmas().findVma(mm, a);
        int refs = m.k.pages().pageCount(5);
        assertEquals(0, m.k.mmap().remapPfnRange(vma, a, 5, 2 * 4096, VmFlags.vmGetPageProt(VmFlags.VM_READ)));
        int pte = m.pte(mm, a + 4096);
        assertTrue(Pte.pteSpecial(pte));
        assertEquals(6, Pte.ptePfn(pte));
        assertEquals(refs, m.k.pages().pageCount(5));
        assertTrue((m.k.vmas().vmFlags(vma) & VmFlags.VM_PFNMAP) != 0);
        assertEquals(-1, m.k.memory().vmNormalPage(vma, pte));
    }

    @Test
    void createMappingLateMapsFramesIntoTheKernelPageTable() {
        Machine m = new Machine();
        int virt = m.k.geometry().vmallocStart + 4096;
        m.k.mmap().createMappingLate(3, virt, 4096, Pte.PAGE_KERNEL);
        int pte = m.k.pageTables().pteValue(0, virt);
        assertEquals(3, Pte.ptePfn(pte));
        int pmd = m.k.pageTables().pmdOffset(m.k.pageTables().pgdOffsetK(virt), virt);
        assertEquals(pte, m.k.pageTables().read(m.k.pageTables().pteOffsetKernel(pmd, virt)));
    }

    @Test
    void vmaLookupsFollowTheSortedList() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        int b = m.k.mmap().doMmapPgoff(mm, -1, a + 2 * 4096, 4096, VmFlags.PROT_READ,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS | VmFlags.MAP_FIXED, 0);
        Vmas v = m.k.vmas();
        assertEquals(a, v.vmStart(v.findVma(mm, 0)));
        assertEquals(b, v.vmStart(v.findVma(mm, a + 4096)), "the first VMA ending above the address");
        assertEquals(-1, v.findVma(mm, b + 4096));
        Vmas.VmaAndPrev vp = v.findVmaPrev(mm, b);
        assertEquals(a, v.vmStart(vp.prev()));
        assertEquals(-1, v.findVmaIntersection(mm, a + 4096, b));
        assertNotEquals(-1, v.findVmaIntersection(mm, a + 4096, b + 1));
        assertEquals(null, v.findVmaLinks(mm, a, a + 4096), "overlap");
        assertEquals(1, v.findVmaLinks(mm, a + 4096, b).slot());
        assertEquals(Vmas.ENOMEM, v.insertVmStruct(mm, new Vmas.VmaSpec(a, b + 4096, VmFlags.VM_READ, -1, 0, -1, 0)));
    }
}
