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
/**
 * Kamaelia: components built on Axon. Chassis (Pipeline, Graphline, servers), internet (TCP client and
 * server), protocols, utilities.
 *
 * <p>This module is the Maven artifact {@code org.kamaelia:kamaelia}: the module is named after what it holds,
 * as {@code org.kamaelia.axon} is, and the artifact after the project. It requires {@code org.kamaelia.axon}
 * transitively, so {@code requires org.kamaelia.components;} is all a modular program needs.
 */
module org.kamaelia.components {
    requires transitive org.kamaelia.axon;

    exports org.kamaelia.chassis;
    exports org.kamaelia.internet;
    exports org.kamaelia.ipc;
    exports org.kamaelia.protocol;
    exports org.kamaelia.util;
}
