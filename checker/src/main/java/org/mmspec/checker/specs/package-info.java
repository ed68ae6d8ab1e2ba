/**
 * Scenarios of spec files ({@code spec/mm/*.mmspec} and any other {@code .mmspec} file) checked by the
 * explorer: how a scenario's own {@code bounds} and {@code strategy} become search options
 * ({@link org.mmspec.checker.specs.ScenarioBounds}), how a verdict is judged against its {@code expect}
 * clause ({@link org.mmspec.checker.specs.SpecExpectations}), one check
 * ({@link org.mmspec.checker.specs.SpecCheck}), and every scenario of a spec tree as rows of the standard
 * suite ({@link org.mmspec.checker.specs.SpecSuite}).
 */
package org.mmspec.checker.specs;
