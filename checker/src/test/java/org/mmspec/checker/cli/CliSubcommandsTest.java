package org.mmspec.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The root command line builds only the subcommand its first argument names (start-up time), and that changes
 * nothing a user sees: every output and exit code is the same as with the whole command tree, for help,
 * misspelt commands and options, bad values, files relative to the working directory, and a search.
 */
class CliSubcommandsTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"check|x.mmspec", "explore|--bug|dirty-cow", "list", "replay|t.json", "bench|--help"})
    void aFirstArgumentNamingASubcommandBuildsOnlyThatOne(String argv) {
        String[] args = argv.split("\\|");
        assertEquals(List.of(args[0]), subcommands(args, false));
        assertEquals(List.of("help", "list", "explore", "check", "replay", "bench"), subcommands(args, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help|check", "--audit|check|x.mmspec", "chek", "--help", "@args.txt", "Check"})
    void anyOtherFirstArgumentBuildsThemAll(String argv) {
        String[] args = argv.isEmpty() ? new String[0] : argv.split("\\|");
        assertEquals(List.of("help", "list", "explore", "check", "replay", "bench"), subcommands(args, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "help", "help|check", "help|bench", "check", "check|--help", "check|-V",
        "check|--bogus|x.mmspec", "check|--strategy|bfss|x.mmspec", "check|--workers|0|x.mmspec", "check|help",
        "check|no-such-file.mmspec", "check|bench/models/swap_faults_vs_reclaim.mmspec|--scenario|nope",
        "check|bench/models/swap_faults_vs_reclaim.mmspec|--scenario|small|--max-states|30",
        "check|bench/models/swap_faults_vs_reclaim.mmspec|--scenario|small|--max-states|30|--report|json",
        "explore|--help", "explore|--bug|nope", "explore|--view|colums", "list|--help", "list|--bogus",
        "replay|--help", "replay|no-such-trace.json", "bench|--help", "bench|--bogus", "chek", "--bogus", "bnch"})
    void theOutputsAreThoseOfTheWholeTree(String argv) {
        String[] args = argv.split("\\|");
        assertEquals(run(args, true), run(args, false), argv);
    }

    private static List<String> subcommands(String[] args, boolean all) {
        CommandLine cl = new CommandLine(new MmspecCommand(false));
        MmspecCommand.addSubcommands(cl, args, all);
        return List.copyOf(cl.getSubcommands().keySet());
    }

    /** Exit code, stdout and stderr, with times and rates (which differ from run to run) masked. */
    private static String run(String[] args, boolean all) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), false, PROJECT, all);
        String masked = ("exit " + code + "\n--- out\n" + out + "--- err\n" + err)
                .replaceAll("[0-9][0-9,.]*( s\\b| distinct states/s|e[-+][0-9]+)", "#$1")
                .replaceAll("(\"[a-zA-Z]*([Ss]econds|PerSecond|[Nn]anos|[Mm]illis|[Bb]ytes[a-zA-Z]*)\" *: *)[0-9.eE+-]+", "$1#");
        return masked;
    }
}
