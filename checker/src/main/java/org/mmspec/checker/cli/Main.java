package org.mmspec.checker.cli;

/** The {@code mmspec} command: the only place that prints to the console and exits. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true),
                StderrTerminal.isTerminal());
        System.exit(code);
    }
}
