package org.metalvirt.shim.network;

import org.metalvirt.shim.objects.JobName;

/** The jobs that change a network, one at a time per network, named as the procedures that ask for them. */
enum NetworkJob implements JobName {
    DEFINE_XML,
    CREATE,
    DESTROY,
    UNDEFINE,
    SET_AUTOSTART;

    @Override
    public String holder() {
        return "NETWORK_" + name();
    }
}
