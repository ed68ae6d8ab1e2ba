package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.vma.VmFlags;

class SmokeTest {

    @Test
    void anonWriteForkCow() {
        Kernel k = Kernel.boot(Config.defaults());
        int free0 = k.buddy().freePagesInLists(0);
        int mm = k.mms().mmAlloc();
        int addr = k.mmap().doMmapPgoff(mm, -1, 0, 2 * 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        System.out.println("addr=" + Integer.toHexString(addr));
        Outcome r = k.run(UserAccess.INSTANCE, mm, addr, 0, 0);
        System.out.println("read " + r + " pte " + Pte.describe(k.pageTables().pteValue(mm, addr)));
        Outcome w = k.run(UserAccess.INSTANCE, mm, addr, 1, 7);
        int pte = k.pageTables().pteValue(mm, addr);
        System.out.println("write " + w + " pte " + Pte.describe(pte));
        int pfn = Pte.ptePfn(pte);
        assertEquals(7, k.pages().data(pfn));
        assertEquals(1, k.pages().pageMapcount(pfn));
        assertEquals(free0 - 1, k.buddy().freePagesInLists(0));
        Outcome f = k.run(Fork.INSTANCE, mm);
        System.out.println("fork " + f);
        int child = f.value();
        assertEquals(2, k.pages().pageMapcount(pfn));
        assertTrue(!Pte.pteWrite(k.pageTables().pteValue(mm, addr)));
        Outcome cw = k.run(UserAccess.INSTANCE, child, addr, 1, 9);
        System.out.println("child write " + cw + " pte " + Pte.describe(k.pageTables().pteValue(child, addr)));
        assertEquals(1, k.pages().pageMapcount(pfn));
        assertEquals(7, k.run(UserAccess.INSTANCE, mm, addr, 0, 0).value());
        assertEquals(9, k.run(UserAccess.INSTANCE, child, addr, 0, 0).value());
    }
}
