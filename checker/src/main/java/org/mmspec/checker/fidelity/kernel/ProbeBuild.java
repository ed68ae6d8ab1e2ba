package org.mmspec.checker.fidelity.kernel;

import java.nio.file.Path;
import java.util.Objects;

/** The result of building the probe. */
public sealed interface ProbeBuild {

    /** The probe binary is at {@code binary}, compiled by {@code compiler}. */
    record Built(Path binary, String compiler) implements ProbeBuild {
        public Built {
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(compiler, "compiler");
        }
    }

    /** The probe could not be built; {@code reason} says exactly why. */
    record NotBuilt(String reason) implements ProbeBuild {
        public NotBuilt {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
