package org.mmspec.spec.ir;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** Collects fault sites during lowering; a site's index is stored in faulty states. */
final class Sites {

    private final List<Site> sites = new ArrayList<>();

    int add(SourceSpan span, String text) {
        sites.add(new Site(span, text));
        return sites.size() - 1;
    }

    List<Site> all() {
        return List.copyOf(sites);
    }
}
