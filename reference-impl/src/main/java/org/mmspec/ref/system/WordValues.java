package org.mmspec.ref.system;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.vma.Mms;

/**
 * How {@link StateNames} shows the value of a state word that is not a plain number: a pfn or none, a
 * TLB tag, a CPU mask, a page-cache slot, a compound tail link, an rwsem waiter, a TLB flush batch, a
 * user-visible data token.
 */
final class WordValues {

    private WordValues() {}

    static String tlbTag(int tag) {
        if (tag == 0) {
            return "empty";
        }
        return "mm" + ((tag - 1) >>> 16) + " " + hex(((tag - 1) & 0xFFFF) << Geometry.PAGE_SHIFT);
    }

    static String cpus(int mask) {
        if (mask == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int cpu = 0; cpu < 32; cpu++) {
            if ((mask & 1 << cpu) != 0) {
                sb.append(sb.length() > 1 ? "," : "").append("cpu").append(cpu);
            }
        }
        return sb.append('}').toString();
    }

    static String cacheSlot(int v) {
        return v < 0 ? "swap " + (-v) : pfnOrNone(v);
    }

    static String tail(int v) {
        return (v & Pages.TAIL_TAG) != 0 ? "pfn " + (v & ~Pages.TAIL_TAG) : "none";
    }

    /** A task's {@code rwsem_waiter}: none, queued (woken), or handed the lock. */
    static String rwsemWaiter(int w) {
        if (w == 0) {
            return "none";
        }
        if (w < 0) {
            return "handed the lock";
        }
        return (w & Locks.WAITER_WOKEN) != 0 ? "queued, woken" : "queued";
    }

    /** {@code current->tlb_ubc}: nothing pending, or the CPUs of the deferred flush. */
    static String tlbUbc(int ubc) {
        if ((ubc & 1) == 0) {
            return "none";
        }
        return "flush " + cpus(ubc >>> 2) + ((ubc & 2) != 0 ? " (writable)" : "");
    }

    static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    static String pfnOrNone(int v) {
        return v == 0 ? "none" : "pfn " + (v - 1);
    }

    static String logical(int v) {
        if (v == 0) {
            return "backing";
        }
        int token = v - 1;
        return (token & Mms.LAZY_FREE) != 0 ? (token & ~Mms.LAZY_FREE) + " or zeroes (MADV_FREE)" : Integer.toString(token);
    }
}
