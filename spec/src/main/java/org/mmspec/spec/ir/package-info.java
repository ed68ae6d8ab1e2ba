/**
 * Lowering, per scenario: the state layout (an int array: fault header, globals, per-thread frames) and procedures as instruction lists with jumps, labels marking step boundaries.
 */
package org.mmspec.spec.ir;
