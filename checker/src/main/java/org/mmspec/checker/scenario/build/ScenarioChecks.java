package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.scenario.Expectation;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.build.ScenarioDef.NameRef;
import org.mmspec.checker.scenario.build.ScenarioDef.OutcomeDef;
import org.mmspec.checker.scenario.build.ScenarioDef.Setting;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.load.Bounds;
import org.mmspec.spec.load.Strategy;

/**
 * Checks the clauses of a scenario that name things outside it: {@code expect} and {@code bug} (the
 * invariant catalog, the historic bugs), {@code check}, {@code strategy}, {@code bounds} and
 * {@code cover} (the reference implementation's code points).
 */
final class ScenarioChecks {

    private final Problems problems;

    ScenarioChecks(Problems problems) {
        this.problems = problems;
    }

    /** The expectation {@code outcomes} state (none: pass). */
    Expectation expectation(List<OutcomeDef> outcomes, SourceSpan at) {
        if (outcomes.isEmpty()) {
            return Expectation.pass();
        }
        List<Expectation.Kind> kinds = new ArrayList<>();
        boolean pass = false;
        for (OutcomeDef o : outcomes) {
            switch (o.kind()) {
                case PASS -> pass = true;
                case DEADLOCK -> kinds.add(Expectation.deadlock());
                case KERNEL_BUG -> kinds.add(Expectation.kernelBug());
                case VIOLATION -> invariant(o.invariant().orElseThrow()).ifPresent(id -> kinds.add(Expectation.invariant(id)));
            }
        }
        if (pass && outcomes.size() > 1) {
            problems.error(ScenarioCode.BAD_VALUE, outcomes.get(0).span(), "expect", "either 'pass' alone or the"
                    + " violations one of which must be found");
        }
        return pass || kinds.isEmpty() ? Expectation.pass() : new Expectation.Finds(kinds);
    }

    private Optional<String> invariant(NameRef id) {
        if (InvariantSource.ids().contains(id.text())) {
            return Optional.of(id.text());
        }
        problems.unknown(ScenarioCode.UNKNOWN_INVARIANT, id.span(), id.text(), InvariantSource.ids(), id.text());
        return Optional.empty();
    }

    /** The historic bug {@code id} names. */
    Optional<BugId> bug(NameRef id) {
        Optional<BugId> bug = BugId.byId(id.text());
        if (bug.isEmpty()) {
            problems.unknown(ScenarioCode.UNKNOWN_BUG, id.span(), id.text(),
                    Arrays.stream(BugId.values()).map(BugId::id).toList(), id.text());
        }
        return bug;
    }

    /** The invariant ids of a {@code check} clause (empty: all). */
    List<String> invariants(List<NameRef> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(id -> invariant(id).ifPresent(out::add));
        return out;
    }

    /** The search options of {@code strategy} and {@code bounds}, over the defaults. */
    SearchOptions search(Optional<NameRef> strategy, List<Setting> bounds) {
        Optional<Strategy> s = strategy.flatMap(this::strategy);
        OptionalInt preemptions = OptionalInt.empty();
        OptionalInt depth = OptionalInt.empty();
        for (Setting b : bounds) {
            switch (b.key()) {
                case "preemptions" -> preemptions = bound(b, 0);
                case "depth" -> depth = bound(b, 1);
                default -> problems.unknown(ScenarioCode.UNKNOWN_SETTING, b.keySpan(), b.key(),
                        List.of("preemptions", "depth"), "bounds", b.key());
            }
        }
        return ScenarioBounds.apply(new Bounds(preemptions, depth, s), SearchOptions.defaults());
    }

    private OptionalInt bound(Setting b, int min) {
        if (b.value() < min || b.value() > 1_000_000) {
            problems.error(ScenarioCode.BAD_VALUE, b.valueSpan(), b.key(), "between " + min + " and 1000000");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) b.value());
    }

    private Optional<Strategy> strategy(NameRef name) {
        for (Strategy s : Strategy.values()) {
            if (s.name().equalsIgnoreCase(name.text())) {
                return Optional.of(s);
            }
        }
        problems.error(ScenarioCode.UNKNOWN_STRATEGY, name.span(), name.text());
        return Optional.empty();
    }

    /** The code points of a {@code cover} clause, each checked against the model's procedures. */
    List<String> cover(List<NameRef> points) {
        Set<String> known = codePoints();
        List<String> out = new ArrayList<>();
        for (NameRef p : points) {
            if (known.contains(p.text())) {
                out.add(p.text());
            } else {
                problems.unknown(ScenarioCode.UNKNOWN_CODE_POINT, p.span(), p.text(), known, p.text());
            }
        }
        return out;
    }

    /** Every {@code procedure:point} of the reference implementation. */
    static Set<String> codePoints() {
        Set<String> out = new TreeSet<>();
        for (Procedure p : org.mmspec.ref.Kernel.boot(org.mmspec.ref.state.Config.small()).procedures().all()) {
            for (int pc = 0; pc < p.points(); pc++) {
                out.add(p.name() + ":" + p.point(pc));
            }
        }
        return out;
    }
}
