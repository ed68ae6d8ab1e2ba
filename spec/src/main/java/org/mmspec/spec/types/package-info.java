/**
 * The type system and the checker: resolves and types every body, invariant and scenario into side tables of a {@link org.mmspec.spec.types.CheckedProgram}, reporting every error and continuing with an error type.
 */
package org.mmspec.spec.types;
