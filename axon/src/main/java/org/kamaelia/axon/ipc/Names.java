package org.kamaelia.axon.ipc;

import org.kamaelia.axon.Component;

/** How messages name the components they mention in toString. */
final class Names {
    private Names() {
    }

    static String of(Object o) {
        if (o instanceof Component c) {
            return c.name();
        }
        return String.valueOf(o);
    }
}
