package org.metalvirt.shim.event;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_SECRET_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_SECRET_EVENT_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_EVENT_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_EVENT_VALUE_CHANGED;

import java.util.function.Consumer;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.event.Subscriber.Family;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Secret;
import org.metalvirt.shim.protocol.Types.RemoteSecret;
import org.metalvirt.shim.secret.SecretDefinition;
import org.metalvirt.shim.secret.SecretEvent;

/**
 * Secret events: registration ({@code virConnectSecretEventRegisterAny}, for one secret or all,
 * the secret checked to exist first, as libvirt does) and the MESSAGE each event is sent as.
 */
public final class SecretEvents implements Consumer<SecretEvent> {

    private final EventBus bus;

    public SecretEvents(EventBus bus) {
        this.bus = bus;
    }

    /** @param requireSecret throws libvirt's "no secret" for a handle that names none */
    public void bindTo(DriverTable table, Consumer<RemoteSecret> requireSecret) {
        table.bind(CONNECT_SECRET_EVENT_REGISTER_ANY, (session, args) -> {
                    args.secret().ifPresent(requireSecret);
                    int callbackId = bus.of(session)
                            .register(
                                    Family.SECRET, args.eventID(), args.secret().map(RemoteSecret::uuid));
                    return new Connect.SecretEventRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_SECRET_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Family.SECRET, args.callbackID());
                    return null;
                });
    }

    /** Sends what happened to a secret to the connections registered for it. */
    @Override
    public void accept(SecretEvent event) {
        RemoteSecret secret = handle(event.secret());
        bus.publish(Family.SECRET, event.id().code(), secret.uuid(), callbackId -> switch (event.id()) {
            case LIFECYCLE ->
                EventPackets.packet(
                        SECRET_EVENT_LIFECYCLE,
                        new Secret.EventLifecycleMsg(
                                callbackId, secret, event.lifecycle().code(), 0));
            case VALUE_CHANGED ->
                EventPackets.packet(SECRET_EVENT_VALUE_CHANGED, new Secret.EventValueChangedMsg(callbackId, secret));
        });
    }

    /** A secret's handle, as every call returns it. */
    public static RemoteSecret handle(SecretDefinition secret) {
        return new RemoteSecret(secret.uuid(), secret.usage().code(), secret.usageId());
    }
}
