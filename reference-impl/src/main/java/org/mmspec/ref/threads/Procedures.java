package org.mmspec.ref.threads;

import java.util.List;

/**
 * Every procedure the model has, numbered: a frame stores its procedure's number. The list is fixed
 * at class initialisation (immutable afterwards).
 */
public final class Procedures {

    private static final List<Procedure> ALL = ProcedureCatalog.all();

    static {
        for (int i = 0; i < ALL.size(); i++) {
            ALL.get(i).bind(i);
        }
    }

    private Procedures() {
    }

    static void ensureRegistered() {
        // touching the class runs the static initialiser
    }

    public static Procedure byId(int id) {
        return ALL.get(id);
    }

    public static List<Procedure> all() {
        return ALL;
    }
}
