package org.metalvirt.node;

/**
 * One logical CPU of the server, numbered the way Linux numbers them.
 *
 * @param id     the OS's CPU number
 * @param socket the package it sits in
 * @param core   the core within that package
 * @param cell   the NUMA cell it belongs to
 */
public record LogicalCpu(int id, int socket, int core, int cell) {}
