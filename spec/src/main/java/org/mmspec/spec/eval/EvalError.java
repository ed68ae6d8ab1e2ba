package org.mmspec.spec.eval;

/**
 * A run-time error inside one step; caught at the step boundary and recorded as a fault in the
 * successor state. Never escapes this package.
 */
final class EvalError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final RuntimeError error;
    final int site;
    final int a;
    final int b;
    final int c;

    EvalError(RuntimeError error, int site, int a, int b, int c) {
        super(error.name(), null, false, false);
        this.error = error;
        this.site = site;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    EvalError(RuntimeError error, int site) {
        this(error, site, 0, 0, 0);
    }
}
