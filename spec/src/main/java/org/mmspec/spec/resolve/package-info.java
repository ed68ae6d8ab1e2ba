/**
 * Name resolution, first pass: the declarations of a whole program (a file and its imports) in one scope, and the call graph that tells functions (callable in expressions) from procedures with atomic steps.
 */
package org.mmspec.spec.resolve;
