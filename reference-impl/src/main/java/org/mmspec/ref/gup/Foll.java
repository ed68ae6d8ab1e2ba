package org.mmspec.ref.gup;

/** {@code FOLL_*} flags of {@code follow_page()} and {@code get_user_pages()} (include/linux/mm.h, Linux 4.9). */
public final class Foll {

    public static final int FOLL_WRITE = 0x01;
    public static final int FOLL_TOUCH = 0x02;
    public static final int FOLL_GET = 0x04;
    public static final int FOLL_DUMP = 0x08;
    public static final int FOLL_FORCE = 0x10;
    /** Fault the page in but hand out no reference ({@code __mm_populate}). */
    public static final int FOLL_POPULATE = 0x40;
    /** Mlock the page if the VMA is {@code VM_LOCKED} ({@code populate_vma_page_range} for mlock). */
    public static final int FOLL_MLOCK = 0x1000;
    public static final int FOLL_REMOTE = 0x2000;
    /** Set by the Dirty COW fix: the COW for this write already happened. */
    public static final int FOLL_COW = 0x4000;
    /** Linux 5.x: a long-term pin (RDMA, vfio); never taken by the lockless fast path (5.4–5.10). */
    public static final int FOLL_LONGTERM = 0x10000;
    /** Linux 5.7: a pin for DMA ({@code pin_user_pages()}), counted with {@code GUP_PIN_COUNTING_BIAS}. */
    public static final int FOLL_PIN = 0x40000;

    public static final int EFAULT = -14;
    public static final int ENOMEM = -12;

    private Foll() {
    }

    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        append(sb, flags, FOLL_WRITE, "FOLL_WRITE");
        append(sb, flags, FOLL_FORCE, "FOLL_FORCE");
        append(sb, flags, FOLL_GET, "FOLL_GET");
        append(sb, flags, FOLL_TOUCH, "FOLL_TOUCH");
        append(sb, flags, FOLL_COW, "FOLL_COW");
        append(sb, flags, FOLL_MLOCK, "FOLL_MLOCK");
        append(sb, flags, FOLL_POPULATE, "FOLL_POPULATE");
        append(sb, flags, FOLL_PIN, "FOLL_PIN");
        append(sb, flags, FOLL_LONGTERM, "FOLL_LONGTERM");
        return sb.isEmpty() ? "0" : sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
