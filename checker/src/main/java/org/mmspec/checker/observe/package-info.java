/**
 * Watching a search without touching it: {@link org.mmspec.checker.observe.SearchListener} (no-op
 * defaults, as JPF's {@code SearchListener}) and {@link org.mmspec.checker.observe.ProgressLine}, which
 * formats a {@link org.mmspec.checker.observe.ProgressSnapshot}. The caller decides where lines go.
 */
package org.mmspec.checker.observe;
