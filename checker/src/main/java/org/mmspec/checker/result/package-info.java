/**
 * What a check found, as data: {@link org.mmspec.checker.result.CheckResult} ({@code Passed},
 * {@code Violated}, {@code Incomplete}), the {@link org.mmspec.checker.result.Violation} kinds, and the
 * search {@link org.mmspec.checker.result.Statistics}. Callers handle a result with one exhaustive
 * {@code switch}; nothing here prints.
 */
package org.mmspec.checker.result;
