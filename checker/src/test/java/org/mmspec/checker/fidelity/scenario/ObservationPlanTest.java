package org.mmspec.checker.fidelity.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

class ObservationPlanTest {

    @Test
    void tracksProcessesAndTheirRegionsAcrossForkMmapAndExit() {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioParser.parse("t", """
                mmap r1 1 anon private rw
                fork p1
                in p1: mmap r2 2 anon private rw
                mmap r3 1 anon private rw
                observe
                in p1: fork p2
                exit
                observe
                """)).scenario();
        ObservationPlan plan = s.observationPlan();
        assertEquals(8, plan.afterStep().size());
        assertEquals(List.of(5, 8), plan.observations().stream().map(ObservationPlan.Point::step).toList());
        assertEquals(List.of("p0:r1", "p0:r3", "p1:r1", "p1:r2"), names(plan.after(5)));
        assertEquals(List.of("p1:r1", "p1:r2", "p2:r1", "p2:r2"), names(plan.after(8)));
        assertEquals(List.of("p0:r1"), names(plan.after(1)));
        assertEquals(List.of("p0:r1", "p1:r1"), names(plan.after(2)));
    }

    @Test
    void regionsSitAtFixedDistinctAddressesBelowFourGiB() {
        assertEquals(0x1000_0000L, Layout.base(0));
        assertEquals(0x1100_0000L, Layout.base(1));
        Region last = new Region("r", ScenarioParser.MAX_REGIONS - 1, ScenarioParser.MAX_PAGES, new Backing.Anon(),
                Sharing.PRIVATE, Prot.READ);
        assertEquals(true, last.address(ScenarioParser.MAX_PAGES, 65536) < 0x1_0000_0000L);
    }

    private static List<String> names(ObservationPlan.Point p) {
        return p.regions().stream().map(r -> r.process() + ":" + r.region().name()).toList();
    }
}
