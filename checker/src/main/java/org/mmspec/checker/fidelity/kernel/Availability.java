package org.mmspec.checker.fidelity.kernel;

import java.util.Map;
import java.util.Objects;

import org.mmspec.checker.fidelity.observe.HostFacts;

/** Whether this host can run fidelity scenarios on its kernel. */
public sealed interface Availability {

    /** Ready: scenarios can be run with {@code runner}; the host's facts are {@code facts}. */
    record Ready(KernelRunner runner, HostFacts facts) implements Availability {
        public Ready {
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** Not possible here; {@code reason} says exactly why. */
    record Unavailable(String reason) implements Availability {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** What a test does about availability. */
    enum Disposition {
        /** Run the kernel tests. */
        RUN,
        /** Skip them, saying why (a developer machine without root or a C compiler). */
        SKIP,
        /** Fail: under {@code CI=true} the kernel tests must run. */
        FAIL
    }

    /** {@link Disposition#RUN} when ready; otherwise fail under {@code CI=true}, else skip. */
    static Disposition disposition(Availability a, Map<String, String> env) {
        return switch (a) {
            case Ready r -> Disposition.RUN;
            case Unavailable u -> "true".equalsIgnoreCase(env.getOrDefault("CI", "").strip())
                    ? Disposition.FAIL : Disposition.SKIP;
        };
    }
}
