package org.mmspec.ref.audit;

import static org.mmspec.ref.state.Layout.G_AUDIT_A_INFO;
import static org.mmspec.ref.state.Layout.G_AUDIT_A_POINT;
import static org.mmspec.ref.state.Layout.G_AUDIT_A_WORD;
import static org.mmspec.ref.state.Layout.G_AUDIT_B_INFO;
import static org.mmspec.ref.state.Layout.G_AUDIT_B_POINT;
import static org.mmspec.ref.state.Layout.G_AUDIT_B_WORD;
import static org.mmspec.ref.state.Layout.G_AUDIT_RULE;

import java.util.Objects;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Mem;

/**
 * A model error the atomicity audit found in one step: the rule broken and the accesses involved — for
 * a discipline breach the offending access alone ({@code second} is {@code null}), otherwise the earlier
 * access ({@code first}) and the one that broke the pattern ({@code second}).
 *
 * <p>A finding is written into the state (the {@code G_AUDIT_*} globals) next to the BUG slot, so the
 * faulty state carries its own explanation and a replay shows the same report.
 */
public record Finding(Rule rule, Access first, Access second) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(first, "first");
    }

    /** Writes this finding into the state's audit report words. */
    void write(Mem m) {
        m.poke(G_AUDIT_RULE, rule.ordinal() + 1);
        m.poke(G_AUDIT_A_WORD, first.word());
        m.poke(G_AUDIT_A_INFO, first.info());
        m.poke(G_AUDIT_A_POINT, first.point());
        if (second != null) {
            m.poke(G_AUDIT_B_WORD, second.word());
            m.poke(G_AUDIT_B_INFO, second.info());
            m.poke(G_AUDIT_B_POINT, second.point());
        }
    }

    /** The finding a state reports, or {@code null}. */
    public static Finding read(KernelState s) {
        int rule = s.word(G_AUDIT_RULE);
        if (rule == 0) {
            return null;
        }
        Access a = Access.decode(s.word(G_AUDIT_A_WORD), s.word(G_AUDIT_A_INFO), s.word(G_AUDIT_A_POINT));
        Access b = s.word(G_AUDIT_B_POINT) == 0 ? null
                : Access.decode(s.word(G_AUDIT_B_WORD), s.word(G_AUDIT_B_INFO), s.word(G_AUDIT_B_POINT));
        return new Finding(Rule.values()[rule - 1], a, b);
    }
}
