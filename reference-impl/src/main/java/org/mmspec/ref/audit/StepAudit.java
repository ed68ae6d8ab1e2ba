package org.mmspec.ref.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.AccessSink;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.StepObserver;

/**
 * The atomicity audit of one machine (Lipton's reduction, checked dynamically as in Flanagan and Freund's
 * Atomizer): attached to its {@link Mem} as the {@link AccessSink} and to its executor as the
 * {@link StepObserver}, it records every access of every step, in order, with its code point and kind,
 * classifies it as a mover ({@link Classifier}), and checks that the step's movers match
 * {@code R* N? L*}, that every access keeps its region's discipline and that a blocking acquisition is
 * the first action of its step. The first rule broken ends the step as a model error ({@link Finding}).
 *
 * <p>Not thread-safe: one per machine.
 */
public final class StepAudit implements AccessSink, StepObserver {

    private final AuditMode mode;
    private final Classifier classifier;
    private final AccessLog log = new AccessLog();
    private boolean active;
    private int procId = -1;
    private int pc;
    private int ghostDepth;
    private int compoundDepth;
    private Mover compoundMover;
    private int compoundFirst;
    /** Index of the step's non-mover, first release, first access that is not a both-mover; -1 when none. */
    private int firstN;
    private int firstL;
    private int firstNonB;
    private Finding finding;
    private long steps;
    private long accesses;
    /** Re-running a failed step to find where in the Java source its accesses are ({@link #sites}). */
    private boolean capture;
    private final List<String> sites = new ArrayList<>();
    private String attemptSite;
    private int findingFirst = -1;
    private int findingSecond = -1;

    public StepAudit(Layout layout, Mem mem, AuditMode mode) {
        if (mode == AuditMode.OFF) {
            throw new IllegalArgumentException("an audit that is off is no audit: attach none");
        }
        this.mode = mode;
        this.classifier = new Classifier(layout, mem);
    }

    public AuditMode mode() {
        return mode;
    }

    /** Steps audited so far (completed, not discarded). */
    public long steps() {
        return steps;
    }

    /** Accesses audited so far in completed steps. */
    public long accesses() {
        return accesses;
    }

    // ---- StepObserver ----

    @Override
    public void beginStep(int tid, int cpu) {
        active = true;
        log.clear();
        sites.clear();
        attemptSite = null;
        findingFirst = -1;
        findingSecond = -1;
        classifier.reset(tid, cpu);
        procId = -1;
        pc = 0;
        ghostDepth = 0;
        compoundDepth = 0;
        firstN = -1;
        firstL = -1;
        firstNonB = -1;
        finding = null;
    }

    @Override
    public void at(int procId, int pc) {
        this.procId = procId;
        this.pc = pc;
    }

    @Override
    public Oops endStep(boolean moved) {
        active = false;
        if (!moved) {
            log.clear();
            return null;
        }
        steps++;
        accesses += log.size();
        int leaked = classifier.locking.leakedScoped();
        if (mode == AuditMode.CHECK && finding == null && leaked >= 0) {
            return fail(Rule.SCOPED_LOCK_HELD, scopedAccess(leaked), null);
        }
        return null;
    }

    @Override
    public void report(Mem m) {
        if (finding != null) {
            finding.write(m);
        }
    }

    /** The finding of the last step, or {@code null}. */
    public Finding finding() {
        return finding;
    }

    /** The accesses of the last step, in order. */
    public List<Access> accessesOfLastStep() {
        return log.accesses();
    }

    /** What the last step read and wrote. */
    public Footprint footprint() {
        return log.footprint();
    }

    /**
     * Records, from now on, the Java source line of each access (a stack walk per access: for re-running a
     * step that broke a rule, never for a search).
     */
    public void captureSites(boolean on) {
        this.capture = on;
    }

    /**
     * Where in the Java source the last finding's accesses were made, as {@code Class.java:line} of the
     * caller of the state (and of the procedure step), if the step ran with {@link #captureSites} on.
     */
    public List<String> findingSites() {
        List<String> out = new ArrayList<>();
        if (finding == null || !capture) {
            return out;
        }
        if (findingFirst >= 0 && findingFirst < sites.size()) {
            out.add(sites.get(findingFirst));
        }
        if (findingSecond >= 0 && findingSecond < sites.size()) {
            out.add(sites.get(findingSecond));
        } else if (findingSecond == -2 && attemptSite != null) {
            out.add(attemptSite);
        }
        return out;
    }

    // ---- AccessSink ----

    @Override
    public void access(int word, int mask, AccessKind kind) {
        if (!active || ghostDepth > 0) {
            return;
        }
        log.touch(word, mask, kind.writes());
        touchPartner(word, kind);
        if (mode != AuditMode.CHECK) {
            return;
        }
        Mover mover = classifier.classify(word, mask, kind);
        if (mover == null) {
            return;
        }
        Access a = new Access(word, mask, kind, mover, procId, pc);
        int index = add(a);
        if (classifier.breach) {
            findingFirst = index;
            throw fail(Rule.DISCIPLINE, a, null);
        }
        feed(mover, index);
    }

    @Override
    public void scoped(ScopedLock lock, int obj, boolean acquire) {
        if (!active || ghostDepth > 0) {
            return;
        }
        int encoded = lock.encode(obj);
        log.touchScoped(encoded);
        if (mode != AuditMode.CHECK) {
            return;
        }
        Access a = scopedAccess(encoded, acquire);
        int index = add(a);
        boolean ok = acquire ? classifier.locking.acquireScoped(encoded) : classifier.locking.releaseScoped(encoded);
        if (!ok) {
            findingFirst = index;
            throw fail(Rule.DISCIPLINE, a, null);
        }
        feed(a.mover(), index);
    }

    @Override
    public void ghost(boolean enter) {
        if (active) {
            ghostDepth += enter ? 1 : -1;
        }
    }

    @Override
    public void compound(boolean enter) {
        if (!active || ghostDepth > 0 || mode != AuditMode.CHECK) {
            return;
        }
        if (enter) {
            if (compoundDepth++ == 0) {
                compoundMover = Mover.B;
                compoundFirst = -1;
            }
        } else if (--compoundDepth == 0 && compoundFirst >= 0) {
            feed(compoundMover, compoundFirst);
        }
    }

    @Override
    public void interrupt(int cpu, boolean enter) {
        if (!active || ghostDepth > 0) {
            return;
        }
        classifier.interruptOn(enter ? cpu : -1);
        compound(enter);
    }

    @Override
    public void blockingAttempt(int word, AccessKind kind) {
        if (!active || ghostDepth > 0 || mode != AuditMode.CHECK || firstNonB < 0) {
            return;
        }
        Access attempt = new Access(word, -1, kind, null, procId, pc);
        if (capture) {
            attemptSite = Sites.here();
        }
        findingFirst = firstNonB;
        findingSecond = -2;
        throw fail(Rule.BLOCKING_MID_STEP, log.get(firstNonB), attempt);
    }

    /**
     * An rwsem is three words (readers, writer, wait list): each of its operations reads the others too.
     */
    private void touchPartner(int word, AccessKind kind) {
        switch (kind) {
            case DOWN_READ, UP_READ, DOWN_WRITE, UP_WRITE -> {
                int readers = classifier.rwsemReaders(word);
                for (int w = readers; readers >= 0 && w < readers + 3; w++) {
                    if (w != word) {
                        log.touch(w, -1, false);
                    }
                }
            }
            default -> {
                // one word
            }
        }
    }

    private int add(Access a) {
        int index = log.add(a);
        if (capture) {
            sites.add(Sites.here());
        }
        return index;
    }

    // ---- the R* N? L* automaton ----

    private void feed(Mover mover, int index) {
        if (compoundDepth > 0) {
            if (compoundFirst < 0 || mover != Mover.B && compoundMover == Mover.B) {
                compoundFirst = index;
            }
            if (mover != Mover.B) {
                compoundMover = Mover.N;
            }
            return;
        }
        if (mover != Mover.B && firstNonB < 0) {
            firstNonB = index;
        }
        switch (mover) {
            case R -> {
                if (firstN >= 0 || firstL >= 0) {
                    throw fail(Rule.ACQUIRE_AFTER_COMMIT, firstN >= 0 ? firstN : firstL, index);
                }
            }
            case N -> {
                if (firstN >= 0) {
                    throw fail(Rule.TWO_NON_MOVERS, firstN, index);
                }
                if (firstL >= 0) {
                    throw fail(Rule.NON_MOVER_AFTER_RELEASE, firstL, index);
                }
                firstN = index;
            }
            case L -> {
                if (firstL < 0) {
                    firstL = index;
                }
            }
            case B -> {
                // commutes with everything
            }
        }
    }

    private Oops fail(Rule rule, int first, int second) {
        findingFirst = first;
        findingSecond = second;
        return fail(rule, log.get(first), log.get(second));
    }

    private Oops fail(Rule rule, Access first, Access second) {
        finding = new Finding(rule, first, second);
        return new Oops(OopsKind.ATOMICITY, rule.ordinal(), 0);
    }

    private Access scopedAccess(int encoded, boolean acquire) {
        return new Access(-1 - encoded, -1, acquire ? AccessKind.SCOPED_LOCK : AccessKind.SCOPED_UNLOCK,
                acquire ? Mover.R : Mover.L, procId, pc);
    }

    private Access scopedAccess(int encoded) {
        return scopedAccess(encoded, true);
    }
}
