package org.mmspec.checker.scenario.build;

import org.mmspec.checker.scenario.SetupFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.threads.Procedure;

/**
 * Something a scenario can call: a kernel procedure (a step machine, usable as a thread and, run to
 * completion, in the set-up) or a set-up action (a sequential call on the machine being prepared, such
 * as {@code mmap()} or {@code create_file()}).
 *
 * @param name the name scenarios call it by
 * @param params its parameters, in positional order
 * @param result the type of what it returns ({@link ArgType#NONE} when nothing worth keeping)
 * @param summary one line for the reference
 * @param procedure the step machine, for kernel procedures
 * @param locals how the arguments become the procedure's first four locals (procedures only)
 * @param action the sequential call (set-up actions only)
 */
public record Operation(String name, List<Param> params, ArgType result, String summary,
        Optional<Class<? extends Procedure>> procedure, Locals locals, Action action) {

    /** Maps the arguments (in parameter order) to a procedure's four argument locals. */
    @FunctionalInterface
    public interface Locals {
        int[] of(int[] args);
    }

    /** A set-up action: runs on the machine being prepared, returns its result or throws {@link SetupFailure}. */
    @FunctionalInterface
    public interface Action {
        int apply(Kernel k, Args args);
    }

    /**
     * The evaluated arguments of a call, in parameter order: {@code scalar(i)} for a scalar parameter,
     * {@code list(i)} for an {@link ArgType#INTS} one.
     */
    public record Args(int[] scalars, int[][] lists) {
        public int scalar(int i) {
            return scalars[i];
        }

        public int[] list(int i) {
            return lists[i].clone();
        }
    }

    public Operation {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(procedure, "procedure");
        if (procedure.isPresent() == (locals == null) || procedure.isPresent() == (action != null)) {
            throw new IllegalArgumentException(name + ": a procedure has locals, a set-up action has an action");
        }
    }

    /** Whether it can be a thread's entry (only kernel procedures can). */
    public boolean isProcedure() {
        return procedure.isPresent();
    }

    /** The parameter called {@code name}. */
    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** {@code mmap(mm: mm, len: len, ...) -> addr}, for references and messages. */
    public String signature() {
        String s = name + "(" + params.stream().map(Param::signature).collect(Collectors.joining(", ")) + ")";
        return result == ArgType.NONE ? s : s + " -> " + result.keyword();
    }
}
