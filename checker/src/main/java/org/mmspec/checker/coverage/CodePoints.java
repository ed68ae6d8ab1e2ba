package org.mmspec.checker.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Where each thread stands in a state, as code points ({@code procedure:point}): the points of every
 * frame on its stack, innermost first. Known for the reference implementation (its step machines'
 * program points) and for specs (their labels).
 *
 * @param <S> the state type
 */
public interface CodePoints<S> {

    /** The code points on {@code thread}'s stack in {@code s}, innermost first; empty once it has finished. */
    List<String> stack(S s, int thread);

    /**
     * The code points of the procedures in {@code entered} (procedure names), for the report of points
     * never reached; every label of the spec for a spec.
     */
    Set<String> pointsOf(Set<String> entered);

    /** The code points of a system the checker knows how to read, or null. */
    @SuppressWarnings("unchecked")
    static <S> CodePoints<S> of(TransitionSystem<S> system) {
        if (system instanceof KernelSystem k) {
            return (CodePoints<S>) reference(k);
        }
        if (system instanceof SpecSystem sp) {
            return (CodePoints<S>) spec(sp);
        }
        return null;
    }

    private static CodePoints<KernelState> reference(KernelSystem system) {
        MmView view = new MmView(system.config());
        return new CodePoints<>() {
            @Override
            public List<String> stack(KernelState s, int thread) {
                view.reset(s);
                List<MmView.FrameInfo> frames = view.frames(thread);
                List<String> out = new ArrayList<>(frames.size());
                for (int i = frames.size() - 1; i >= 0; i--) {
                    out.add(frames.get(i).procedure() + ":" + frames.get(i).point());
                }
                return out;
            }

            @Override
            public Set<String> pointsOf(Set<String> entered) {
                Set<String> out = new TreeSet<>();
                for (Procedure p : org.mmspec.ref.Kernel.boot(org.mmspec.ref.state.Config.small()).procedures().all()) {
                    if (entered.contains(p.name())) {
                        for (int pc = 0; pc < p.points(); pc++) {
                            out.add(p.name() + ":" + p.point(pc));
                        }
                    }
                }
                return out;
            }
        };
    }

    private static CodePoints<SpecState> spec(SpecSystem system) {
        List<String> labels = system.labels();
        return new CodePoints<>() {
            @Override
            public List<String> stack(SpecState s, int thread) {
                return system.codePoints(s, thread);
            }

            @Override
            public Set<String> pointsOf(Set<String> entered) {
                Set<String> out = new TreeSet<>();
                for (String l : labels) {
                    if (entered.contains(l.substring(0, l.indexOf(':')))) {
                        out.add(l);
                    }
                }
                return out;
            }
        };
    }
}
