package org.mmspec.checker.cli;

import java.io.PrintWriter;
import org.mmspec.checker.scenario.SetupFailure;
import picocli.CommandLine;

/**
 * Builds the picocli command line and maps every outcome to an exit code: bad usage prints a one-line
 * message and a hint (exit 2), an internal error prints one line asking for a report (exit 4) — no
 * stack trace either way unless {@code MMSPEC_DEBUG=1}.
 */
public final class Cli {

    private Cli() {
    }

    /**
     * Runs the CLI.
     *
     * @param interactive whether stderr is a terminal (the progress line is shown only then)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean interactive) {
        CommandLine cl = new CommandLine(new MmspecCommand(interactive));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mmspec: " + ex.getMessage());
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
}
