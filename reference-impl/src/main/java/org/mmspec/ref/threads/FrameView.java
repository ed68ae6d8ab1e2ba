package org.mmspec.ref.threads;

/** Read-only access to one frame's locals, for trace labels. */
@FunctionalInterface
public interface FrameView {
    int local(int i);
}
