/**
 * The public entry point: {@link org.mmspec.spec.load.SpecLoader} loads a spec file (or text) into a {@link org.mmspec.spec.load.LoadResult}: a program with runnable scenarios, or diagnostics.
 */
package org.mmspec.spec.load;
