/**
 * The node SPI: what a backend offers the daemon about one bare-metal server. No XML, no wire
 * protocol: backends implement these interfaces and see nothing else of the daemon.
 */
package org.metalvirt.node;
