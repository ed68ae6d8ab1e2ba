package org.mmspec.checker.fidelity.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mmspec.checker.fidelity.observe.FileByte;
import org.mmspec.checker.fidelity.observe.FrameSample;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.observe.Vma;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Parses what the probe printed (format at the top of {@code mmspec-probe.c}) into host facts and
 * observations. Raw pagemap entries are decoded here: bit 63 present, 62 swapped, 61 file-page or
 * shared-anonymous, 56 exclusively mapped, bits 0-54 the frame number (or swap type and offset).
 */
public final class ProbeOutput {

    private static final long FRAME_MASK = (1L << 55) - 1;

    private ProbeOutput() {
    }

    /** Parses the facts-only output of {@link ProbeProgram#factsOnly()}. */
    public static KernelRun parseFacts(String stdout) {
        Map<String, String> facts = new HashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("ERROR ")) {
                return new KernelRun.Failed("probe error: " + line.substring(6));
            }
            if (line.startsWith("FACT ")) {
                String[] kv = line.split(" ", 3);
                facts.put(kv[1], kv.length == 3 ? kv[2] : "");
            }
        }
        return toFacts(facts).<KernelRun>map(f -> new KernelRun.Completed(f, new Observations(List.of(),
                List.of(), List.of(), List.of()))).orElseGet(() -> new KernelRun.Failed("probe printed incomplete facts: "
                        + facts.keySet()));
    }

    /** Parses the output of a run of {@code program}. */
    public static KernelRun parse(String stdout, ProbeProgram program) {
        try {
            return parseLines(stdout, program);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return new KernelRun.Failed("malformed probe output (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KernelRun parseLines(String stdout, ProbeProgram program) {
        Collected c = new Collected(program.scenario());
        for (String line : stdout.split("\n")) {
            String[] w = line.split(" ");
            Optional<String> problem = c.take(w, line);
            if (problem.isPresent()) { // page and sample lines hold raw frame numbers: never show them
                boolean quote = !List.of("P", "L", "ERROR").contains(w[0]);
                return new KernelRun.Failed(problem.get() + (quote ? ": " + line : ""));
            }
        }
        if (!c.ended) {
            return new KernelRun.Failed("probe output ended without END");
        }
        Observations observations = new Observations(c.outcomes, c.pages, c.files, c.samples);
        return toFacts(c.facts).<KernelRun>map(f -> new KernelRun.Completed(f, observations))
                .orElseGet(() -> new KernelRun.Failed("probe printed incomplete facts: " + c.facts.keySet()));
    }

    /** What the lines read so far said. */
    private static final class Collected {
        final Scenario scenario;
        final Map<String, String> facts = new HashMap<>();
        final List<StepOutcome> outcomes = new ArrayList<>();
        final List<PageState> pages = new ArrayList<>();
        final List<FileByte> files = new ArrayList<>();
        final List<FrameSample> samples = new ArrayList<>();
        boolean ended;

        Collected(Scenario scenario) {
            this.scenario = scenario;
        }

        /** Takes one line; returns the problem with it, if any. */
        Optional<String> take(String[] w, String line) {
            switch (w[0]) {
                case "FACT" -> facts.put(w[1], line.substring(6 + w[1].length()).trim());
                case "S" -> {
                    return add(outcome(w), outcomes, "bad step line");
                }
                case "P" -> {
                    return add(page(w, scenario), pages, "bad page line");
                }
                case "L" -> samples.add(sample(w));
                case "C" -> files.add(new FileByte(scenario.files().get(Integer.parseInt(w[1])).name(),
                        Integer.parseInt(w[2]), Integer.parseInt(w[3])));
                case "END" -> ended = true;
                case "ERROR" -> {
                    return Optional.of("probe error: " + line.substring(Math.min(6, line.length())));
                }
                default -> {
                    return line.isEmpty() ? Optional.empty() : Optional.of("unexpected line");
                }
            }
            return Optional.empty();
        }

        private static <T> Optional<String> add(Optional<T> item, List<T> to, String problem) {
            item.ifPresent(to::add);
            return item.isPresent() ? Optional.empty() : Optional.of(problem);
        }
    }

    private static FrameSample sample(String[] w) {
        Set<Long> frames = new HashSet<>();
        for (int i = 2; i < w.length; i++) {
            frames.add(Long.parseUnsignedLong(w[i], 16));
        }
        return new FrameSample(Integer.parseInt(w[1]), frames);
    }

    private static Optional<StepOutcome> outcome(String[] w) {
        if (w.length < 3) {
            return Optional.empty();
        }
        int step = Integer.parseInt(w[1]);
        OpOutcome o = switch (w[2]) {
            case "ok" -> new OpOutcome.Done();
            case "value" -> w.length == 4 ? new OpOutcome.ReadValue(Integer.parseInt(w[3])) : null;
            case "segv" -> new OpOutcome.SegmentationFault();
            case "sigbus" -> new OpOutcome.BusError();
            case "errno" -> w.length == 4 ? new OpOutcome.SyscallError(w[3]) : null;
            default -> null;
        };
        return Optional.ofNullable(o).map(x -> new StepOutcome(step, x));
    }

    private static Optional<PageState> page(String[] w, Scenario s) {
        if (w.length != 9) {
            return Optional.empty();
        }
        Optional<Vma> vma = Vma.parse(w[5]);
        if (vma.isEmpty()) {
            return Optional.empty();
        }
        long entry = Long.parseUnsignedLong(w[6], 16);
        boolean present = bit(entry, 63);
        return Optional.of(new PageState(Integer.parseInt(w[1]), s.processes().get(Integer.parseInt(w[2])),
                s.regions().get(Integer.parseInt(w[3])).name(), Integer.parseInt(w[4]), vma.get(), present,
                bit(entry, 62), bit(entry, 56), bit(entry, 61), entry & FRAME_MASK,
                present ? Integer.parseInt(w[7]) : 0,
                present ? PageFlag.fromKpageflags(Long.parseUnsignedLong(w[8], 16)) : Set.of()));
    }

    private static boolean bit(long v, int bit) {
        return (v >>> bit & 1) != 0;
    }

    private static Optional<HostFacts> toFacts(Map<String, String> f) {
        if (!f.keySet().containsAll(HostFacts.KEYS)) {
            return Optional.empty();
        }
        return Optional.of(new HostFacts(f.get("kernel_release"), f.get("machine"),
                Integer.parseInt(f.get("page_size")), yes(f, "pagemap_pfn"), yes(f, "zero_page_on_read_fault"),
                yes(f, "madv_cold"), yes(f, "madv_pageout"), Long.parseLong(f.get("swap_total_kb")),
                f.get("thp_enabled"), f.get("lru_gen"), f.get("ksm_run"), f.get("fault_around_bytes"),
                yes(f, "lru_drain"), f.get("workdir_fs")));
    }

    private static boolean yes(Map<String, String> f, String key) {
        return "yes".equals(f.get(key));
    }
}
