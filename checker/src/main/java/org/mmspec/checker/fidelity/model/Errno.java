package org.mmspec.checker.fidelity.model;

import java.util.Map;

/** Names of the negative error codes the reference implementation returns, as the probe prints them. */
final class Errno {

    private static final Map<Integer, String> NAMES = Map.of(1, "EPERM", 4, "EINTR", 12, "ENOMEM", 13, "EACCES",
            14, "EFAULT", 16, "EBUSY", 19, "ENODEV", 22, "EINVAL", 27, "EFBIG");

    private Errno() {
    }

    /** {@code EINVAL} for -22; {@code E<n>} for a code without a name here. */
    static String name(int negativeErrno) {
        return NAMES.getOrDefault(-negativeErrno, "E" + -negativeErrno);
    }
}
