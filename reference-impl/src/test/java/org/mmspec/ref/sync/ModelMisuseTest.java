package org.mmspec.ref.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.spec.semantics.Fault;

/** Model errors ({@link OopsKind#MODEL_MISUSE}) read as a named cause, never as a bare code. */
class ModelMisuseTest {

    @Test
    void everyCodeTheModelRaisesHasANameAndASentence() {
        assertEquals("step-never-ends: a step ran 1000 internal transitions without yielding or blocking"
                + " (a procedure loops without ending its step)", ModelMisuse.describe(1, 1000));
        assertTrue(ModelMisuse.describe(5, 7).startsWith("unknown-pc: "), ModelMisuse.describe(5, 7));
        assertTrue(ModelMisuse.describe(3, 0x3000).contains("0x3000"));
        assertTrue(ModelMisuse.describe(40, 0x1000).startsWith("wp-page-without-readonly-pte: do_wp_page at 0x1000"));
        assertEquals("block-after-lock: the step already took 1 lock(s) and would now block on ptl;"
                + " end the step before the second acquisition",
                ModelMisuse.describe(ModelMisuse.BLOCK_CODE_BASE + BlockKind.PTL.ordinal(), 1));
    }

    @Test
    void theRenderedOopsNamesTheCauseAndNoCodeNumber() {
        String message = OopsKind.MODEL_MISUSE.render("handle_mm_fault",
                ModelMisuse.BLOCK_CODE_BASE + BlockKind.PTL.ordinal(), 1);
        assertEquals("model error in handle_mm_fault: block-after-lock: the step already took 1 lock(s) and would"
                + " now block on ptl; end the step before the second acquisition", message);
        assertFalse(message.contains("code"), message);
        assertEquals(Fault.Kind.MODEL_ERROR, OopsKind.MODEL_MISUSE.faultKind());
    }

    @Test
    void aMisusedSequentialCallReportsTheNamedCause() {
        Kernel k = Kernel.boot(Config.defaults());
        int mm = k.mms().mmAlloc();
        Outcome o = KernelApi.doWpPage(k, mm, 0x1000);
        String text = o.toString();
        assertFalse(o instanceof Outcome.Returned, text);
        assertTrue(text.contains("wp-page-without-readonly-pte"), text);
    }
}
