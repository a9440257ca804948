package org.kamaelia.axon;

import java.util.Objects;

/**
 * A component whose {@code main()} ended with an exception, and that exception.
 *
 * @param component the component that failed
 * @param error     what escaped its {@code main()}
 */
public record ComponentFailure(Component component, Throwable error) {
    public ComponentFailure {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String toString() {
        return component.name() + ": " + error;
    }
}
