package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.Handles.Addr;
import org.mmspec.checker.scenario.build.Handles.FileRef;
import org.mmspec.checker.scenario.build.Handles.Mm;
import org.mmspec.checker.scenario.build.Handles.Pfn;
import org.mmspec.checker.scenario.build.ScenarioDef.BugClause;
import org.mmspec.checker.scenario.build.ScenarioDef.NameRef;
import org.mmspec.checker.scenario.build.ScenarioDef.OutcomeDef;
import org.mmspec.checker.scenario.build.ScenarioDef.SetupStmt;
import org.mmspec.checker.scenario.build.ScenarioDef.Setting;
import org.mmspec.checker.scenario.build.ScenarioDef.ThreadDecl;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.spec.diag.SourceSpan;

/**
 * Builds a scenario of the reference implementation in Java, with typed values, the way a scenario file
 * writes it: the set-up calls return handles ({@link Mm}, {@link Addr}, {@link Pfn}, {@link FileRef}),
 * threads run {@link KernelCall}s, and {@link #build()} checks everything with the scenario-file compiler
 * — a problem is a {@link ScenarioBuildException} whose diagnostics name the Java line that caused it.
 *
 * <pre>{@code
 * ScenarioBuilder b = ScenarioBuilder.scenario("two-writers", "two write faults on one fresh page");
 * Mm mm = b.mmAlloc();
 * Addr a = b.mmap(mm, ScenarioBuilder.PAGE_SIZE, KernelCall.Prot.readWrite(), Set.of(Map.PRIVATE, Map.ANONYMOUS));
 * b.thread("T0", KernelCall.userWrite(mm, a, 1));
 * b.thread("T1", KernelCall.userWrite(mm, a, 2));
 * b.cover("do_anonymous_page:set_pte_at");
 * Scenario s = b.build();
 * }</pre>
 */
public final class ScenarioBuilder {

    /** {@code PAGE_SIZE}. */
    public static final int PAGE_SIZE = 4096;

    private final String name;
    private final String summary;
    private final List<Setting> machine = new ArrayList<>();
    private final List<SetupStmt> setup = new ArrayList<>();
    private final List<ThreadDecl> threads = new ArrayList<>();
    private final List<OutcomeDef> expect = new ArrayList<>();
    private Optional<BugClause> bug = Optional.empty();
    private final List<NameRef> check = new ArrayList<>();
    private Optional<NameRef> strategy = Optional.empty();
    private final List<Setting> bounds = new ArrayList<>();
    private final List<NameRef> cover = new ArrayList<>();
    private int vars;

    private ScenarioBuilder(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /** A new scenario called {@code name}. */
    public static ScenarioBuilder scenario(String name, String summary) {
        return new ScenarioBuilder(name, summary);
    }

    /** {@code machine { key = value; }}: e.g. {@code machine("cpus", 3)} (see {@link MachineSettings}). */
    public ScenarioBuilder machine(String key, int value) {
        SourceSpan at = CallerSpan.here();
        machine.add(new Setting(key, at, value, at));
        return this;
    }

    /** {@code mm = mm_alloc();}. */
    public Mm mmAlloc() {
        return new Mm(assign("mm_alloc"));
    }

    /** {@code a = mmap(mm, len, prot, flags);}: anonymous memory. */
    public Addr mmap(Mm mm, int len, Set<KernelCall.Prot> prot, Set<KernelCall.Map> flags) {
        SourceSpan at = CallerSpan.here();
        return new Addr(assign("mmap", at, mm.expr(), new Expr.Int(len, at), KernelCall.flags(prot, "PROT_", at),
                KernelCall.flags(flags, "MAP_", at)));
    }

    /** {@code a = mmap(mm, len, prot, flags, file = f);}: a file mapping from page 0. */
    public Addr mmap(Mm mm, int len, Set<KernelCall.Prot> prot, Set<KernelCall.Map> flags, FileRef file) {
        SourceSpan at = CallerSpan.here();
        return new Addr(assign("mmap", at, mm.expr(), new Expr.Int(len, at), KernelCall.flags(prot, "PROT_", at),
                KernelCall.flags(flags, "MAP_", at), file.expr()));
    }

    /** {@code f = create_file(kind, {contents});}. */
    public FileRef createFile(FileKind kind, int... contents) {
        SourceSpan at = CallerSpan.here();
        List<Expr> values = new ArrayList<>();
        for (int c : contents) {
            values.add(new Expr.Int(c, at));
        }
        return new FileRef(assign("create_file", at, new Expr.Name(kind.name(), at), new Expr.IntList(values, at)));
    }

    /** {@code p = pfn_at(mm, addr);}. */
    public Pfn pfnAt(Mm mm, Addr addr) {
        return new Pfn(assign("pfn_at", CallerSpan.here(), mm.expr(), addr.expr()));
    }

    /** {@code p = cache_file_page(file, index);}: the file page read into the page cache (issue 10). */
    public Pfn cacheFilePage(FileRef file, int index) {
        SourceSpan at = CallerSpan.here();
        return new Pfn(assign("cache_file_page", at, file.expr(), KernelCall.expr(index, at)));
    }

    /** {@code p = alloc_pages(gfp);}: a page the set-up keeps. */
    public Pfn allocPages(KernelCall.Gfp gfp) {
        SourceSpan at = CallerSpan.here();
        return new Pfn(assign("alloc_pages", at, KernelCall.expr(gfp, at)));
    }

    /** {@code child = fork(mm);} in the set-up. */
    public Mm fork(Mm mm) {
        return new Mm(assign("fork", CallerSpan.here(), mm.expr()));
    }

    /** A kernel procedure run to completion in the set-up ({@code user_write(mm, a, 1);}). */
    public ScenarioBuilder run(KernelCall call) {
        setup.add(new SetupStmt(Optional.empty(), call.call(CallerSpan.here())));
        return this;
    }

    /** {@code mark_page_accessed(pfn);} in the set-up. */
    public ScenarioBuilder markPageAccessed(Pfn pfn) {
        SourceSpan at = CallerSpan.here();
        setup.add(new SetupStmt(Optional.empty(), new Call("mark_page_accessed", at,
                List.of(new Call.Arg(null, pfn.expr(), at)), at)));
        return this;
    }

    /** {@code thread name = call;}. */
    public ScenarioBuilder thread(String threadName, KernelCall call) {
        SourceSpan at = CallerSpan.here();
        threads.add(new ThreadDecl(new NameRef(threadName, at), call.call(at)));
        return this;
    }

    /** {@code expect pass;} (the default). */
    public ScenarioBuilder expectPass() {
        expect.add(new OutcomeDef(OutcomeDef.Kind.PASS, Optional.empty(), CallerSpan.here()));
        return this;
    }

    /** {@code expect violation ID | ...;}: with every bug off, one of these invariants must break. */
    public ScenarioBuilder expectViolation(String... invariants) {
        SourceSpan at = CallerSpan.here();
        for (String id : invariants) {
            expect.add(new OutcomeDef(OutcomeDef.Kind.VIOLATION, Optional.of(new NameRef(id, at)), at));
        }
        return this;
    }

    /** {@code bug ID expect violation INV | ...;}: with {@code bug} on, one of these invariants must break. */
    public ScenarioBuilder bug(BugId id, String... invariants) {
        SourceSpan at = CallerSpan.here();
        List<OutcomeDef> outcomes = new ArrayList<>();
        for (String inv : invariants) {
            outcomes.add(new OutcomeDef(OutcomeDef.Kind.VIOLATION, Optional.of(new NameRef(inv, at)), at));
        }
        bug = Optional.of(new BugClause(new NameRef(id.id(), at), outcomes));
        return this;
    }

    /** {@code check ID, ...;}: only these invariants. */
    public ScenarioBuilder check(String... invariants) {
        SourceSpan at = CallerSpan.here();
        for (String id : invariants) {
            check.add(new NameRef(id, at));
        }
        return this;
    }

    /** {@code strategy S;}. */
    public ScenarioBuilder strategy(Strategy s) {
        strategy = Optional.of(new NameRef(s.name().toLowerCase(java.util.Locale.ROOT), CallerSpan.here()));
        return this;
    }

    /** {@code bounds { preemptions = P; }}. */
    public ScenarioBuilder preemptions(int bound) {
        SourceSpan at = CallerSpan.here();
        bounds.add(new Setting("preemptions", at, bound, at));
        return this;
    }

    /** {@code cover "procedure:point", ...;}: a pass must have reached these code points. */
    public ScenarioBuilder cover(String... points) {
        SourceSpan at = CallerSpan.here();
        for (String p : points) {
            cover.add(new NameRef(p, at));
        }
        return this;
    }

    /** The scenario as written so far. */
    public ScenarioDef definition() {
        return new ScenarioDef(name, CallerSpan.here(), summary, machine, setup, threads, expect, bug, check, strategy,
                bounds, cover);
    }

    /**
     * The scenario, checked and built once with its bugs off.
     *
     * @throws ScenarioBuildException with every problem, each at the Java line that caused it
     */
    public Scenario build() {
        Problems problems = new Problems(null);
        List<Scenario> out = new ScenarioCompiler(problems, "java").compile(List.of(definition()));
        if (problems.hasErrors()) {
            throw new ScenarioBuildException(problems.sorted());
        }
        return out.get(0);
    }

    private Expr assign(String op) {
        return assign(op, CallerSpan.here());
    }

    private Expr assign(String op, SourceSpan at, Expr... args) {
        String var = "v" + (++vars);
        List<Call.Arg> list = new ArrayList<>();
        for (Expr a : args) {
            list.add(new Call.Arg(null, a, at));
        }
        setup.add(new SetupStmt(Optional.of(new NameRef(var, at)), new Call(op, at, list, at)));
        return new Expr.Name(var, at);
    }
}
