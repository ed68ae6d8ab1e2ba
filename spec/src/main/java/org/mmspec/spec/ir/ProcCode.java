package org.mmspec.spec.ir;

import java.util.List;

/**
 * One lowered procedure (or init block): its instructions, frame size, parameter offsets and whether
 * it runs in a thread frame (it has steps) or to completion in a scratch frame.
 */
public record ProcCode(String name, List<Instr> code, int frameSize, int[] paramOffsets, boolean hasSteps) {

    public ProcCode {
        code = List.copyOf(code);
    }
}
