package org.mmspec.ref.system;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.view.MmView;

/**
 * The whole of a state of the reference implementation, for {@code mmspec replay --state N}: each
 * thread's status and kernel stack (procedure and program point of every frame, bottom first), then
 * every word of the state vector that holds something, named in kernel vocabulary as traces name
 * changes ({@code page[3]._refcount = 1}, {@code pte(mm1, 0x1000) = pfn 3 ro young},
 * {@code zone[0].free_area[0].nr_free = 2}).
 */
final class StateDump {

    private final Config config;
    private final StateNames names;
    private final List<String> threadNames;
    private MmView view;

    StateDump(Config config, StateNames names, List<String> threadNames) {
        this.config = config;
        this.names = names;
        this.threadNames = threadNames;
    }

    List<String> dump(KernelState s) {
        if (view == null) {
            view = new MmView(config);
        }
        view.reset(s);
        List<String> out = new ArrayList<>();
        for (int t = 0; t < threadNames.size(); t++) {
            List<MmView.FrameInfo> frames = view.frames(t);
            StringBuilder line = new StringBuilder(threadNames.get(t)).append(": ").append(view.threadStatus(t));
            for (int d = 0; d < frames.size(); d++) {
                line.append(d == 0 ? " in " : " → ").append(frames.get(d).procedure()).append(':').append(frames.get(d).point());
            }
            out.add(line.toString());
        }
        out.addAll(names.all(s));
        return out;
    }
}
