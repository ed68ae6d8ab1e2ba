package org.mmspec.checker.fidelity.compare;

import java.util.Optional;

import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.Advice;
import org.mmspec.checker.fidelity.scenario.Backing;
import org.mmspec.checker.fidelity.scenario.Op;
import org.mmspec.checker.fidelity.scenario.Region;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.Step;

/** Questions known-difference rules ask about what a scenario did before a site's step. */
final class ScenarioHistory {

    private ScenarioHistory() {
    }

    /** A page of a file: file name and page index. */
    private record FilePage(String file, int page) {
    }

    /**
     * Whether the file page shown at {@code site} (a page of a file-backed region) was the target of a
     * {@code madvise(MADV_PAGEOUT)} — through any region mapping that file page, in any process — in a
     * step before the site's.
     */
    static boolean pagedOutBefore(Scenario scenario, Site site) {
        Optional<FilePage> target = filePage(scenario, site.place());
        if (target.isEmpty()) {
            return false;
        }
        for (Step step : scenario.steps()) {
            if (step.number() >= site.step()) {
                break;
            }
            if (step.op() instanceof Op.Madvise m && m.advice() == Advice.PAGEOUT) {
                Region r = scenario.region(m.region()).orElseThrow();
                for (int p = m.range().first(); p <= m.range().last(); p++) {
                    if (filePage(r, p).equals(target)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The file page at a place such as {@code r1[0]}, if the place is a page of a file-backed region. */
    private static Optional<FilePage> filePage(Scenario scenario, String place) {
        int open = place.indexOf('[');
        if (open < 0 || !place.endsWith("]")) {
            return Optional.empty();
        }
        return scenario.region(place.substring(0, open)).flatMap(
                r -> filePage(r, Integer.parseInt(place.substring(open + 1, place.length() - 1))));
    }

    private static Optional<FilePage> filePage(Region region, int page) {
        return region.backing() instanceof Backing.File f
                ? Optional.of(new FilePage(f.file(), f.offsetPages() + page)) : Optional.empty();
    }
}
