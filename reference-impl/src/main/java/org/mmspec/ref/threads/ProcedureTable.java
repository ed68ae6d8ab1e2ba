package org.mmspec.ref.threads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The procedures of one machine, numbered: a frame stores its procedure's number, so the order is part
 * of the state encoding and fixed by whoever builds the table (append new procedures at the end).
 * Immutable once built.
 */
public final class ProcedureTable {

    private final List<Procedure> all;
    private final Map<Class<? extends Procedure>, Procedure> byClass = new HashMap<>();

    /** Numbers {@code procedures} in list order; each procedure can be in one table only. */
    public ProcedureTable(List<Procedure> procedures) {
        this.all = List.copyOf(procedures);
        for (int i = 0; i < all.size(); i++) {
            Procedure p = all.get(i);
            p.bind(i);
            if (byClass.put(p.getClass(), p) != null) {
                throw new IllegalArgumentException("two procedures of " + p.getClass().getSimpleName());
            }
        }
    }

    /** The procedure with number {@code id}. */
    public Procedure byId(int id) {
        return all.get(id);
    }

    /** This machine's instance of step machine {@code type}. */
    public <P extends Procedure> P of(Class<P> type) {
        Procedure p = byClass.get(type);
        if (p == null) {
            throw new IllegalArgumentException("no procedure " + type.getSimpleName());
        }
        return type.cast(p);
    }

    /** Every procedure, by number. */
    public List<Procedure> all() {
        return all;
    }
}
