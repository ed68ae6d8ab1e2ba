package org.mmspec.ref.pagelock;

import static org.mmspec.ref.sched.Threads.TASK_RUNNING;

import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code finish_wait(q, wait)} (kernel/sched/wait.c, Linux 4.x), action by action: {@code
 * __set_current_state(TASK_RUNNING)}; then {@code list_empty_careful(&wait->entry)}, a racy look at the
 * task's own entry — a waker that woke it has taken it off already; if it is still queued, take it off
 * under {@code q->lock}. Context: the running task, after {@code prepare_to_wait}.
 *
 * <p>Arguments: none. Returns 0.
 */
public final class FinishWait extends Procedure {

    private static final int SET_RUNNING = 0;
    private static final int CHECK = 1;
    private static final int DEQUEUE = 2;

    private final Threads threads;
    private final PageWaitQueue pageWaitQueue;

    public FinishWait(Threads threads, PageWaitQueue pageWaitQueue) {
        super("finish_wait", "__set_current_state", "list_empty_careful", "list_del_init");
        this.threads = threads;
        this.pageWaitQueue = pageWaitQueue;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case SET_RUNNING -> {
                threads.setCurrentState(c.tid(), TASK_RUNNING);
                return c.yieldTo(CHECK);
            }
            case CHECK -> {
                return pageWaitQueue.queuedCareful(c.tid()) ? c.yieldTo(DEQUEUE) : c.ret(0);
            }
            default -> {
                if (!pageWaitQueue.lock()) {
                    return Flow.BLOCK;
                }
                pageWaitQueue.remove(c.tid());
                pageWaitQueue.unlock();
                return c.ret(0);
            }
        }
    }
}
