package org.metalvirt.shim.protocol;

import java.util.Optional;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/** Args, rets and MESSAGE payloads of domain events, fields in XDR order. */
public final class Event {

    private Event() {
    }

    public record CallbackRegisterAnyArgs(int eventID, Optional<RemoteDomain> dom) {
    }

    public record CallbackRegisterAnyRet(int callbackID) {
    }

    public record CallbackDeregisterAnyArgs(int callbackID) {
    }

    /** Legacy REGISTER and DEREGISTER answer whether a callback is (still) registered. */
    public record LegacyRegisterRet(int cbRegistered) {
    }

    public record LegacyRegisterAnyArgs(int eventID) {
    }

    public record LifecycleMsg(RemoteDomain dom, int event, int detail) {
    }

    public record CallbackLifecycleMsg(int callbackID, LifecycleMsg msg) {
    }

    public record RebootMsg(RemoteDomain dom) {
    }

    public record CallbackRebootMsg(int callbackID, RebootMsg msg) {
    }

    public record DeviceRemovedMsg(RemoteDomain dom, String devAlias) {
    }

    public record CallbackDeviceRemovedMsg(int callbackID, DeviceRemovedMsg msg) {
    }

    /** DEVICE_ADDED and DEVICE_REMOVAL_FAILED: the callback id, the domain and the alias, flat. */
    public record CallbackDeviceMsg(int callbackID, RemoteDomain dom, String devAlias) {
    }
}
