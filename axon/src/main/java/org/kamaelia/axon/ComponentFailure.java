/*
 * Copyright 2026 The Kamaelia for Java authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
