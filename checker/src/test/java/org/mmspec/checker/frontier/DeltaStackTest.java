package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaStackTest {

    @Test
    void popsBackToEveryParentEvenBelowTheKeptFrames() {
        DeltaStack<int[]> stack = new DeltaStack<>(VectorQueueTest.ARRAYS);
        Deque<int[]> model = new ArrayDeque<>();
        SplittableRandom r = new SplittableRandom(8);
        int[] s = new int[40];
        for (int round = 0; round < 20_000; round++) {
            if (model.isEmpty() || r.nextInt(10) < 6) {
                s = model.isEmpty() ? new int[40] : model.peek().clone();
                s[r.nextInt(40)] = r.nextInt();
                stack.push(s);
                model.push(s);
            } else {
                stack.pop();
                model.pop();
            }
            assertEquals(model.size(), stack.size());
            if (!model.isEmpty()) {
                assertArrayEquals(model.peek(), stack.top());
            }
        }
        assertTrue(stack.bytes() < 40L * 4 * stack.size() / 4 + 64, stack.bytes() + " bytes for " + stack.size() + " frames");
    }

    @Test
    void spillsItsBottomFramesAndReadsThemBackInOrder(@TempDir Path dir) {
        SpillSpace space = new SpillSpace(dir, 0, -1, SpillSpace.Opener.FILES);
        DeltaStack<int[]> stack = new DeltaStack<>(VectorQueueTest.ARRAYS, 1, space);
        Deque<int[]> model = new ArrayDeque<>();
        SplittableRandom r = new SplittableRandom(9);
        int[] s = new int[40];
        int mostSpilled = 0;
        for (int round = 0; round < 40_000; round++) {
            if (model.isEmpty() || r.nextInt(10) < 6) {
                s = model.isEmpty() ? new int[40] : model.peek().clone();
                s[r.nextInt(40)] = r.nextInt();
                assertTrue(stack.push(s));
                stack.setMeta(0, model.size());
                model.push(s);
            } else {
                assertEquals(model.size() - 1, stack.meta(0));
                stack.pop();
                model.pop();
            }
            assertEquals(model.size(), stack.size());
            if (!model.isEmpty()) {
                assertArrayEquals(model.peek(), stack.top());
            }
            mostSpilled = Math.max(mostSpilled, stack.spilledFrames());
            assertEquals(stack.spilledFrames() > 0, space.diskBytes() > 0);
        }
        assertTrue(mostSpilled > DeltaStack.SEGMENT, "frames went to disk: " + mostSpilled);
        stack.close();
        assertEquals(0, space.diskBytes());
        assertEquals(0, space.memoryBytes());
        space.close();
    }

    @Test
    void handsOutPendingSuccessorsInOrder() {
        DeltaStack<int[]> stack = new DeltaStack<>(VectorQueueTest.ARRAYS);
        int[] parent = new int[40];
        parent[3] = 9;
        stack.push(parent);
        Object[] successors = new Object[4];
        for (int i = 0; i < 4; i++) {
            int[] c = parent.clone();
            c[i] = 100 + i;
            successors[i] = c;
        }
        stack.holdPending(successors, 1, 3);
        assertTrue(stack.hasPending());
        int[] first = stack.takePending();
        stack.push(first);
        assertFalse(stack.hasPending(), "a new frame has none");
        stack.pop();
        assertArrayEquals(parent, stack.top());
        assertArrayEquals((int[]) successors[2], stack.takePending());
        assertArrayEquals((int[]) successors[3], stack.takePending());
        assertFalse(stack.hasPending());
        assertArrayEquals((int[]) successors[1], first);
    }
}
