/**
 * Golden files: a kernel run's labelled observations as reviewable text (one line per step outcome and per
 * observed page), with the deciding host facts in the header, and the parser that reads them back.
 */
package org.mmspec.checker.fidelity.golden;
