/**
 * Diagnostics: source spans, the stable {@link org.mmspec.spec.diag.DiagnosticCode codes} with their message templates, the collector every phase reports into, did-you-mean hints and the text renderer.
 */
package org.mmspec.spec.diag;
