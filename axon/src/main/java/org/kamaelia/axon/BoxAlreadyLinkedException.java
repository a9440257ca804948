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

/**
 * A box that already feeds a destination was linked to a second one (Axon's
 * BoxAlreadyLinkedToDestination). A box may feed one destination; to send one stream to many inboxes
 * use a fan-out component.
 */
public class BoxAlreadyLinkedException extends AxonException {
    private static final long serialVersionUID = 1L;

    BoxAlreadyLinkedException(Box box, Linkage existing) {
        super(box + " already feeds a destination (" + existing + "); unlink it first, or use a fan-out component");
    }
}
