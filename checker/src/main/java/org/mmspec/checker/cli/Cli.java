package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.List;
import org.mmspec.checker.scenario.SetupFailure;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the picocli command line and maps every outcome to an exit code: bad usage prints a one-line
 * message, a did-you-mean for a misspelt option or command, and a hint (exit 2); an internal error prints
 * one line asking for a report (exit 4) — no stack trace either way unless {@code MMSPEC_DEBUG=1}.
 */
public final class Cli {

    private Cli() {
    }

    /**
     * Runs the CLI.
     *
     * @param terminal whether stderr is a terminal (the progress line is redrawn there; otherwise progress
     *     is a heartbeat line every few seconds)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        return run(args, out, err, terminal, null);
    }

    /**
     * Runs the CLI with relative file arguments resolved against {@code workingDir} (null: the process's
     * working directory), as if started there; for running the documentation's examples in-process.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal, java.nio.file.Path workingDir) {
        return run(args, out, err, terminal, workingDir, false);
    }

    /**
     * Runs the CLI; {@code allSubcommands} builds every subcommand even when the first argument names the one
     * to run (the outputs are the same either way: {@code CliSubcommandsTest}).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal, java.nio.file.Path workingDir,
            boolean allSubcommands) {
        CommandLine cl = new CommandLine(new MmspecCommand(terminal));
        MmspecCommand.addSubcommands(cl, args, allSubcommands);
        if (workingDir != null) {
            cl.registerConverter(java.nio.file.Path.class, s -> workingDir.resolve(s));
        }
        cl.registerConverter(OutputMixin.Report.class, s -> OutputMixin.Report.parse(s, workingDir));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(110);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mmspec: " + ex.getMessage());
            if (ex instanceof UnmatchedArgumentException u) {
                suggest(u, err);
            } else {
                suggestValue(ex.getMessage(), err);
            }
            CommandLine c = ex.getCommandLine();
            err.println("try: mmspec " + (c.getCommandName().equals("mmspec") ? "" : c.getCommandName() + " ") + "--help");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> exitCode(ex, err));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The exit code for an exception out of a command: bad input (a usage error, a scenario whose set-up
     * fails, a path the file system rejects) is 2 with its message; anything else is an internal error, 4.
     */
    static int exitCode(Exception ex, PrintWriter err) {
        if (ex instanceof UsageError || ex instanceof SetupFailure) {
            err.println("mmspec: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof org.mmspec.checker.explore.CheckpointException bad) {
            err.println("mmspec: checkpoint: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof java.nio.file.InvalidPathException p) {
            err.println("mmspec: not a valid path: " + p.getReason() + ": " + p.getInput().replace("\0", "\\0"));
            return ExitCodes.USAGE;
        }
        err.println("mmspec: internal error: " + ex + " (please report it; rerun with MMSPEC_DEBUG=1 for details)");
        if ("1".equals(System.getenv("MMSPEC_DEBUG"))) {
            ex.printStackTrace(err);
        }
        return ExitCodes.INTERNAL;
    }

    private static final java.util.regex.Pattern CHOICES =
            java.util.regex.Pattern.compile("expected one of \\[([^\\]]*)\\].* but was '([^']*)'");

    /** {@code did you mean 'bfs'?} for a misspelt choice ({@code --strategy bfss}, {@code --view colums}). */
    private static void suggestValue(String message, PrintWriter err) {
        java.util.regex.Matcher m = CHOICES.matcher(message == null ? "" : message);
        if (m.find()) {
            List<String> choices = java.util.Arrays.stream(m.group(1).split(",\\s*"))
                    .map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList();
            org.mmspec.checker.scenario.Names.closest(m.group(2).toLowerCase(java.util.Locale.ROOT), choices)
                    .ifPresent(c -> err.println("did you mean '" + c + "'?"));
        }
    }

    /** {@code did you mean '--max-states'?} for a misspelt option or command. */
    private static void suggest(UnmatchedArgumentException u, PrintWriter err) {
        List<String> suggestions = u.getSuggestions();
        List<String> unmatched = u.getUnmatched();
        if (suggestions.isEmpty() || unmatched.isEmpty()) {
            return;
        }
        String wrong = unmatched.get(0).replaceAll("=.*", "");
        String best = org.mmspec.checker.scenario.Names.closest(wrong, suggestions).orElse(null);
        err.println("did you mean " + (best != null ? "'" + best + "'"
                : String.join(" or ", suggestions.stream().limit(3).map(s -> "'" + s + "'").toList())) + "?");
    }
}
