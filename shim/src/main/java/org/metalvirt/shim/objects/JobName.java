package org.metalvirt.shim.objects;

/** What a job is, as the state change lock names its holder to a job that waits in vain. */
public interface JobName {

    String holder();
}
