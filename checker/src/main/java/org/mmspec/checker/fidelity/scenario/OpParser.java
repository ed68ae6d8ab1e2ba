package org.mmspec.checker.fidelity.scenario;

import java.util.List;
import java.util.Optional;

/** Parses and checks the operation part of one step line. */
final class OpParser {

    private static final List<String> PROTS = List.of("none", "r", "rw");
    private static final List<String> SHARINGS = List.of("private", "shared");
    private static final List<String> BACKINGS = List.of("anon", "file");
    private static final List<String> ADVICES = List.of("dontneed", "cold", "pageout");

    private final LineReader in;
    private final ParseState state;
    private final String process;
    private int opColumn;

    OpParser(LineReader in, ParseState state, String process) {
        this.in = in;
        this.state = state;
        this.process = process;
    }

    Optional<Op> parse(String keyword, int column) {
        if (in.failed()) {
            return Optional.empty();
        }
        opColumn = column;
        Op op = switch (keyword) {
            case "mmap" -> mmap();
            case "read" -> touch(false);
            case "write" -> touch(true);
            case "fork" -> fork();
            case "munmap" -> {
                Region r = region();
                yield new Op.Munmap(r.name(), rangeOrAll(r));
            }
            case "mprotect" -> {
                Region r = region();
                PageRange range = rangeOrAll(r);
                yield new Op.Mprotect(r.name(), range, Prot.values()[in.keyword("protection", PROTS)]);
            }
            case "madvise" -> {
                Region r = region();
                PageRange range = rangeOrAll(r);
                yield new Op.Madvise(r.name(), range, Advice.values()[in.keyword("advice", ADVICES)]);
            }
            case "pwrite" -> fileWrite();
            case "exit" -> new Op.Exit();
            case "observe" -> new Op.Observe();
            default -> throw new IllegalStateException("operation list and switch disagree: " + keyword);
        };
        return in.failed() ? Optional.empty() : Optional.of(op);
    }

    private Op mmap() {
        int nameColumn = in.column();
        String name = in.name("region name");
        int pages = in.number("page count", 1, ScenarioParser.MAX_PAGES);
        Backing backing = BACKINGS.get(in.keyword("anon or file", BACKINGS)).equals("anon")
                ? new Backing.Anon() : fileBacking();
        Sharing sharing = Sharing.values()[in.keyword("sharing", SHARINGS)];
        Prot prot = Prot.values()[in.keyword("protection", PROTS)];
        if (!in.failed() && state.known(name)) {
            in.errorAt(nameColumn, "'" + name + "' is already declared");
        } else if (!in.failed() && state.regions.size() >= ScenarioParser.MAX_REGIONS) {
            in.errorAt(nameColumn, "too many regions (at most " + ScenarioParser.MAX_REGIONS + ")");
        }
        return new Op.Mmap(new Region(name, state.regions.size(), pages, backing, sharing, prot));
    }

    private Backing fileBacking() {
        FileSpec file = file();
        int offset = 0;
        if (in.accept("offset")) {
            offset = in.number("offset in pages", 0, ScenarioParser.MAX_PAGES);
        }
        return new Backing.File(file.name(), offset);
    }

    private Op touch(boolean write) {
        Region r = region();
        int page = page(r.pages(), "region " + r.name());
        if (write && !in.failed() && state.writes >= ScenarioParser.MAX_WRITES) {
            in.errorAt(opColumn, "too many writes (at most " + ScenarioParser.MAX_WRITES + ")");
        }
        return new Op.Touch(write, r.name(), page, write && !in.failed() ? state.nextWriteValue() : 0);
    }

    private Op fork() {
        int column = in.column();
        String child = in.name("child process name");
        if (!in.failed() && state.known(child)) {
            in.errorAt(column, "'" + child + "' is already declared");
        } else if (!in.failed() && state.processes.size() >= ScenarioParser.MAX_PROCESSES) {
            in.errorAt(column, "too many processes (at most " + ScenarioParser.MAX_PROCESSES + ")");
        }
        return new Op.Fork(child);
    }

    private Op fileWrite() {
        FileSpec file = file();
        int page = page(file.pages(), "file " + file.name());
        if (!in.failed() && state.writes >= ScenarioParser.MAX_WRITES) {
            in.errorAt(opColumn, "too many writes (at most " + ScenarioParser.MAX_WRITES + ")");
        }
        return new Op.FileWrite(file.name(), page, in.failed() ? 0 : state.nextWriteValue());
    }

    private Region region() {
        int column = in.column();
        String name = in.name("region name");
        Region region = state.regions.get(name);
        if (in.failed()) {
            return placeholderRegion();
        }
        if (region == null) {
            in.errorAt(column, "unknown region '" + name + "'");
            return placeholderRegion();
        }
        if (!state.regionsOf.get(process).contains(name)) {
            in.errorAt(column, "process '" + process + "' does not have region '" + name
                    + "' (it was mapped by another process after the fork)");
            return placeholderRegion();
        }
        return region;
    }

    private FileSpec file() {
        int column = in.column();
        String name = in.name("file name");
        FileSpec file = state.files.get(name);
        if (!in.failed() && file == null) {
            in.errorAt(column, "unknown file '" + name + "' (declare it with: file " + name + " \"AB\")");
        }
        return file == null ? new FileSpec("?", 0, "A") : file;
    }

    private int page(int pages, String where) {
        int column = in.column();
        int page = in.number("page index", 0, Integer.MAX_VALUE / 2);
        if (!in.failed() && page >= pages) {
            in.errorAt(column, "page " + page + " is outside " + where + " (pages 0.." + (pages - 1) + ")");
        }
        return page;
    }

    private PageRange rangeOrAll(Region region) {
        return in.atRange() ? in.range(region.pages()) : new PageRange(0, region.pages());
    }

    private static Region placeholderRegion() {
        return new Region("?", 0, 1, new Backing.Anon(), Sharing.PRIVATE, Prot.NONE);
    }
}
