package org.mmspec.spec.ir;

import org.mmspec.spec.types.Type;

/**
 * One named variable of a state as traces show it ({@code refcount[2]}, {@code T1.gup.foll_write}):
 * a scalar, a list or a lock, at {@code offset} with {@code width} slots.
 *
 * @param thread owning thread for locals, -1 for globals
 * @param proc owning procedure index for locals, -1 for globals
 */
public record Leaf(String name, int offset, int width, Type type, int thread, int proc) {
}
