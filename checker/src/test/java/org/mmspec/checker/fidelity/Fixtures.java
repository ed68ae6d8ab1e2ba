package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.EnumSet;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.Vma;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioParser;

/** Small hand-made scenarios, facts and page states for tests that do not touch the kernel. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Parses a scenario that must be valid. */
    public static Scenario scenario(String text) {
        return assertInstanceOf(ParseResult.Parsed.class, ScenarioParser.parse("fixture", text)).scenario();
    }

    /** Facts of a 6.18 host like the development machine; tweak with the with* helpers. */
    public static HostFacts facts() {
        return new HostFacts("6.18.44-test", "x86_64", 4096, true, true, true, true, 0, "madvise", "absent", "0",
                "unknown", true, "ext4");
    }

    public static HostFacts withoutLruDrain(HostFacts f) {
        return new HostFacts(f.kernelRelease(), f.machine(), f.pageSize(), f.pagemapPfn(), f.zeroPageOnReadFault(),
                f.madvCold(), f.madvPageout(), f.swapTotalKb(), f.thpEnabled(), f.lruGen(), f.ksmRun(),
                f.faultAroundBytes(), false, f.workdirFs());
    }

    public static HostFacts withoutZeroPage(HostFacts f) {
        return new HostFacts(f.kernelRelease(), f.machine(), f.pageSize(), f.pagemapPfn(), false, f.madvCold(),
                f.madvPageout(), f.swapTotalKb(), f.thpEnabled(), f.lruGen(), f.ksmRun(), f.faultAroundBytes(),
                f.lruDrain(), f.workdirFs());
    }

    public static HostFacts withLruGen(HostFacts f, String lruGen) {
        return new HostFacts(f.kernelRelease(), f.machine(), f.pageSize(), f.pagemapPfn(), f.zeroPageOnReadFault(),
                f.madvCold(), f.madvPageout(), f.swapTotalKb(), f.thpEnabled(), lruGen, f.ksmRun(),
                f.faultAroundBytes(), f.lruDrain(), f.workdirFs());
    }

    /** A present anonymous page, mapped once, in frame {@code frame}. */
    public static PageState anon(int step, String process, String region, int page, long frame, PageFlag... extra) {
        Set<PageFlag> flags = EnumSet.of(PageFlag.UPTODATE, PageFlag.LRU, PageFlag.MMAP, PageFlag.ANON,
                PageFlag.SWAPBACKED);
        flags.addAll(Set.of(extra));
        return new PageState(step, process, region, page, Vma.of(true, true, false, false), true, false, true,
                false, frame, 1, flags);
    }

    /** A page mapped to the zero page. */
    public static PageState zero(int step, String process, String region, int page, long frame) {
        return new PageState(step, process, region, page, Vma.of(true, true, false, false), true, false, false,
                false, frame, 0, EnumSet.of(PageFlag.ZERO));
    }

    /** A page with no PTE. */
    public static PageState none(int step, String process, String region, int page) {
        return new PageState(step, process, region, page, Vma.of(true, true, false, false), false, false, false,
                false, 0, 0, Set.of());
    }
}
