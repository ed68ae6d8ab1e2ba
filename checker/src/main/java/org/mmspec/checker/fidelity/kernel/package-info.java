/**
 * The live-kernel side of fidelity testing: {@link org.mmspec.checker.fidelity.kernel.ProbeBuilder}
 * compiles the C probe with the system C compiler, {@link org.mmspec.checker.fidelity.kernel.ProbeProgram}
 * compiles a scenario into the probe's instruction list,
 * {@link org.mmspec.checker.fidelity.kernel.KernelRunner} runs it and
 * {@link org.mmspec.checker.fidelity.kernel.ProbeOutput} turns the probe's output into observations.
 * {@link org.mmspec.checker.fidelity.kernel.KernelProbe} says whether this host can run it at all, and why not.
 */
package org.mmspec.checker.fidelity.kernel;
