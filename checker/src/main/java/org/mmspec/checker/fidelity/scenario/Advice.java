package org.mmspec.checker.fidelity.scenario;

/** The {@code madvise} advice a scenario may give. */
public enum Advice {
    /**
     * {@code MADV_DONTNEED}: zap the range's PTEs ({@code zap_page_range}); private anonymous pages are
     * dropped, file pages stay in the page cache.
     */
    DONTNEED("dontneed", null),
    /**
     * {@code MADV_COLD} (Linux 5.4+): deactivate the range's pages (move them to the inactive LRU list).
     * Needs the host feature.
     */
    COLD("cold", HostFeature.MADV_COLD),
    /**
     * {@code MADV_PAGEOUT} (Linux 5.4+): reclaim the range's pages now ({@code shrink_page_list} on
     * them). Needs the host feature.
     */
    PAGEOUT("pageout", HostFeature.MADV_PAGEOUT);

    private final String token;
    private final HostFeature needs;

    Advice(String token, HostFeature needs) {
        this.token = token;
        this.needs = needs;
    }

    /** The scenario token. */
    public String token() {
        return token;
    }

    /** The host feature this advice needs, or {@code null} when every kernel has it. */
    public HostFeature needs() {
        return needs;
    }
}
