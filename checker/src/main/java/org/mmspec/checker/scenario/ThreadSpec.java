package org.mmspec.checker.scenario;

import java.util.Objects;
import org.mmspec.ref.threads.Procedure;

/**
 * One scenario thread: a kernel procedure and its arguments (up to four).
 *
 * @param name the thread's name in traces ({@code "T0"}, {@code "kswapd"})
 * @param procedure the step machine the thread runs (each machine has its own instance of it)
 */
public record ThreadSpec(String name, Class<? extends Procedure> procedure, int a0, int a1, int a2, int a3) {

    public ThreadSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(procedure, "procedure");
    }

    public static ThreadSpec of(String name, Class<? extends Procedure> procedure, int... args) {
        int[] a = java.util.Arrays.copyOf(args, 4);
        return new ThreadSpec(name, procedure, a[0], a[1], a[2], a[3]);
    }
}
