package org.metalvirt.baremetal.redfish;

/** The {@code ComputerSystem.Reset} types the driver uses, spelled as Redfish spells them. */
public enum ResetType {
    On,
    ForceOff,
    GracefulShutdown,
    ForceRestart,
    GracefulRestart,
    /** A diagnostic interrupt; optional, so only sent where the system lists it. */
    Nmi
}
