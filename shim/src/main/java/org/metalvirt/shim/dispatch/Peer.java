package org.metalvirt.shim.dispatch;

/** Who is at the other end of a Unix socket, as the kernel tells ({@code SO_PEERCRED}). */
public record Peer(int uid, int gid, int pid) {}
