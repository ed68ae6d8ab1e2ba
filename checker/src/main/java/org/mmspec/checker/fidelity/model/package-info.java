/**
 * The reference implementation as a fidelity model: {@link org.mmspec.checker.fidelity.model.ReferenceModel}
 * runs a scenario's steps through {@code org.mmspec.ref}'s {@code do_mmap_pgoff}, user access (page
 * fault), {@code fork}, {@code munmap}, {@code mprotect}, {@code madvise} and {@code write()} procedures,
 * and reads the resulting page states the way the kernel probe reads {@code /proc}.
 */
package org.mmspec.checker.fidelity.model;
