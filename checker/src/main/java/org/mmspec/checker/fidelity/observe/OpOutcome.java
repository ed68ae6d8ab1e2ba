package org.mmspec.checker.fidelity.observe;

import java.util.Objects;

/** What one step did, as the process that performed it saw it. */
public sealed interface OpOutcome {

    /** The golden / table text: {@code ok}, {@code value:a}, {@code segv}, {@code sigbus}, {@code error:EINVAL}. */
    String text();

    /** The operation succeeded ({@code observe}, {@code fork}, {@code exit} and writes always report this). */
    record Done() implements OpOutcome {
        @Override
        public String text() {
            return "ok";
        }
    }

    /** A read touch returned this byte (0..255). */
    record ReadValue(int value) implements OpOutcome {
        public ReadValue {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not a byte: " + value);
            }
        }

        @Override
        public String text() {
            return value >= 'A' && value <= 'Z' || value >= 'a' && value <= 'z'
                    ? "value:" + (char) value : String.format("value:0x%02x", value);
        }
    }

    /**
     * The touch was not allowed: the kernel delivered {@code SIGSEGV} (no VMA, or the VMA does not allow
     * the access — {@code do_page_fault}'s {@code bad_area} / {@code access_error}).
     */
    record SegmentationFault() implements OpOutcome {
        @Override
        public String text() {
            return "segv";
        }
    }

    /** The touch hit a file page beyond the end of the file: {@code SIGBUS} ({@code VM_FAULT_SIGBUS}). */
    record BusError() implements OpOutcome {
        @Override
        public String text() {
            return "sigbus";
        }
    }

    /** The system call failed with this errno name, e.g. {@code EINVAL}. */
    record SyscallError(String errno) implements OpOutcome {
        public SyscallError {
            Objects.requireNonNull(errno, "errno");
        }

        @Override
        public String text() {
            return "error:" + errno;
        }
    }

    /**
     * The model could not perform the step: kernel code hit a BUG ({@code VM_BUG_ON}-style) or would have
     * blocked although nothing else runs. Only a model reports this; it never equals a kernel outcome, so
     * a comparison shows it as a difference.
     */
    record ModelFailure(String reason) implements OpOutcome {
        public ModelFailure {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String text() {
            return "model-failure(" + reason + ")";
        }
    }
}
