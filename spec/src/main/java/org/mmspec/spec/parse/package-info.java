/**
 * Text to AST: lexing, a bracket-depth check, parsing with a collecting error listener and a bounded rule depth, and AST building with precedence folding. The only package that sees ANTLR types.
 */
package org.mmspec.spec.parse;
