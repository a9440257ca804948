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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.kamaelia.axon.BoxesAndDeliveryTest.Idle;
import org.kamaelia.axon.ipc.ErrorInformation;
import org.kamaelia.axon.ipc.Ipc;
import org.kamaelia.axon.ipc.Notify;
import org.kamaelia.axon.ipc.ProducerFinished;
import org.kamaelia.axon.ipc.Shutdown;
import org.kamaelia.axon.ipc.ShutdownMicroprocess;
import org.kamaelia.axon.ipc.Status;
import org.kamaelia.axon.ipc.WouldBlock;

/** IPC messages (§2.H, 99-106) and the service registry (§2.I, 107-116). */
class IpcAndTrackerTest {

    @Test
    void everyAxonMessageIsAnIpcAndNoneIsAnotherKind() { // 99, 105
        Object[] all = {new ProducerFinished(), new ShutdownMicroprocess(), new Shutdown(), new Notify("c", 1),
            new Status("ok"), new WouldBlock("c"), new ErrorInformation("c")};
        for (Object m : all) {
            assertThat(m).isInstanceOf(Ipc.class);
        }
        assertThat((Object) new Shutdown()).isNotInstanceOf(ShutdownMicroprocess.class);
        assertThat((Object) new ShutdownMicroprocess()).isNotInstanceOf(Shutdown.class);
        assertThat((Object) new ShutdownMicroprocess()).isNotInstanceOf(ProducerFinished.class);
    }

    @Test
    void shutdownMicroprocessHandsBackItsArgumentsInOrder() { // 100
        assertThat(new ShutdownMicroprocess().microprocesses()).isEmpty();
        assertThat(new ShutdownMicroprocess("a", "b").microprocesses()).containsExactly("a", "b");
    }

    @Test
    void messagesWithRequiredArgumentsRefuseToBeBuiltWithout() { // 101
        assertThatThrownBy(() -> new Notify(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Status(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WouldBlock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ErrorInformation(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void messagesKeepWhatTheyWereGiven() { // 102-104
        Notify n = new Notify("caller", "payload");
        assertThat(n.caller()).isEqualTo("caller");
        assertThat(n.object()).isEqualTo("payload");
        assertThat(new Status("ok").status()).isEqualTo("ok");
        assertThat(new WouldBlock("me").caller()).isEqualTo("me");
        ProducerFinished pf = new ProducerFinished();
        assertThat(pf.caller()).isNull();
        assertThat(pf.message()).isNull();
        ProducerFinished pf2 = new ProducerFinished("c", "m");
        assertThat(pf2.caller()).isEqualTo("c");
        assertThat(pf2.message()).isEqualTo("m");
        RuntimeException e = new RuntimeException();
        ErrorInformation ei = new ErrorInformation("c", e, "went wrong");
        assertThat(ei.exception()).isSameAs(e);
        assertThat(ei.message()).isEqualTo("went wrong");
        assertThat(new ErrorInformation("c").exception()).isNull();
    }

    @Test
    void aRegisteredServiceIsRetrievedAndAnExistingNameIsRefusedEvenWithTheSameArguments() { // 108, 109
        CoordinatingAssistantTracker cat = new CoordinatingAssistantTracker();
        Idle c = new Idle();
        cat.registerService("svc", c, "inbox");
        assertThat(cat.retrieveService("svc")).isEqualTo(new CoordinatingAssistantTracker.Service(c, "inbox"));
        assertThat(cat.servicesRegistered()).containsExactly("svc");
        assertThatThrownBy(() -> cat.registerService("svc", c, "inbox"))
                .isInstanceOf(ServiceAlreadyExistsException.class).hasMessageContaining("'svc'");
    }

    @Test
    void aMissingComponentOrInboxIsRefused() { // 110
        CoordinatingAssistantTracker cat = new CoordinatingAssistantTracker();
        assertThatThrownBy(() -> cat.registerService("svc", null, "inbox")).isInstanceOf(BadComponentException.class);
        Idle c = new Idle();
        assertThatThrownBy(() -> cat.registerService("svc", c, "nobox"))
                .isInstanceOf(BadInboxException.class).hasMessageContaining("'nobox'");
    }

    @Test
    void unknownServicesAreErrorsAndDeregisteringTwiceIsRefused() { // 111, 112
        CoordinatingAssistantTracker cat = new CoordinatingAssistantTracker();
        assertThatThrownBy(() -> cat.retrieveService("nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("'nope'");
        cat.registerService("svc", new Idle(), "control");
        cat.deRegisterService("svc");
        assertThatThrownBy(() -> cat.retrieveService("svc")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> cat.deRegisterService("svc")).isInstanceOf(MultipleServiceDeletionException.class);
    }

    @Test
    void trackedValuesAreDeclaredOnceReadUpdatedAndListed() { // 113-115
        CoordinatingAssistantTracker cat = new CoordinatingAssistantTracker();
        cat.trackValue("answer", 41);
        assertThatThrownBy(() -> cat.trackValue("answer", 42)).isInstanceOf(NamespaceClashException.class);
        cat.updateValue("answer", 42);
        assertThat(cat.retrieveValue("answer")).isEqualTo(42);
        assertThatThrownBy(() -> cat.retrieveValue("question"))
                .isInstanceOf(AccessToUndeclaredTrackedVariableException.class);
        assertThatThrownBy(() -> cat.updateValue("question", 1))
                .isInstanceOf(AccessToUndeclaredTrackedVariableException.class);
        assertThat(cat.informationItemsLogged()).containsExactly("answer");
        CoordinatingAssistantTracker child = new CoordinatingAssistantTracker(cat);
        assertThat(child.parent()).isSameAs(cat);
    }

    @Test
    void eachSchedulerHasItsOwnRegistrySoIndependentGraphsDoNotSeeEachOther() { // 116 (scoped)
        Scheduler one = new Scheduler("one");
        Scheduler two = new Scheduler("two");
        one.tracker().registerService("selector", new Idle(), "inbox");
        assertThat(one.tracker().servicesRegistered()).containsExactly("selector");
        assertThat(two.tracker().servicesRegistered()).isEmpty();
        assertThat(Scheduler.defaultScheduler()).isSameAs(Scheduler.defaultScheduler());
        assertThat(one.tracker()).isSameAs(one.tracker());
    }
}
