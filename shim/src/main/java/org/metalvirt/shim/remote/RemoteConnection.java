package org.metalvirt.shim.remote;

import org.metalvirt.shim.dispatch.Connection;

/** An opened connection: which personality it speaks with, and whether it is read-only. */
record RemoteConnection(Personality personality, boolean readOnly) implements Connection {}
