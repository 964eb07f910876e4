package org.metalvirt.shim.objects;

/** The job changing an object now, and how long it has been at it. */
public record JobInProgress(JobName job, long elapsedMillis) {}
