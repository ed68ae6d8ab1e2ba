package org.mmspec.checker.scenario;

import java.util.List;
import org.mmspec.ref.Kernel;

/**
 * Builds a scenario's initial configuration with sequential kernel calls on a freshly booted machine
 * (address spaces, mappings, files, pre-faulted pages) and says which threads then run.
 */
@FunctionalInterface
public interface Setup {

    /** Prepares {@code k} and returns the threads, one per thread slot of the configuration. */
    List<ThreadSpec> prepare(Kernel k);
}
