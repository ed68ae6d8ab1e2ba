package org.mmspec.checker.fidelity.scenario;

/** Page protection of a mapping, as given to {@code mmap} and {@code mprotect}. Execute is not modelled. */
public enum Prot {
    /** {@code PROT_NONE}: every touch faults. */
    NONE("none", false, false),
    /** {@code PROT_READ}. */
    READ("r", true, false),
    /** {@code PROT_READ | PROT_WRITE}. */
    READ_WRITE("rw", true, true);

    private final String token;
    private final boolean read;
    private final boolean write;

    Prot(String token, boolean read, boolean write) {
        this.token = token;
        this.read = read;
        this.write = write;
    }

    /** The scenario token: {@code none}, {@code r} or {@code rw}. */
    public String token() {
        return token;
    }

    /** Whether {@code PROT_READ} (the kernel's {@code VM_READ}) is set. */
    public boolean read() {
        return read;
    }

    /** Whether {@code PROT_WRITE} (the kernel's {@code VM_WRITE}) is set. */
    public boolean write() {
        return write;
    }
}
