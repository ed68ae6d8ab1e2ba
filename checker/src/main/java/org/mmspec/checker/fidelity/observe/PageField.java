package org.mmspec.checker.fidelity.observe;

/** The per-page fields other than flags; see {@link PageState} for what each means. */
public enum PageField implements Field {
    VMA("vma"),
    PRESENT("present"),
    SWAPPED("swapped"),
    EXCLUSIVE("exclusive"),
    FILE("file"),
    FRAME("frame"),
    MAPCOUNT("mapcount");

    private final String label;

    PageField(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
