package org.metalvirt.shim.event;

/**
 * The kinds of object besides domains whose events clients register for, each with its own
 * registration calls and event ids ({@code virSecretEventID}, …): its noun for errors, and
 * libvirt's {@code *_EVENT_ID_LAST}.
 */
enum EventFamily {
    SECRET("secret", 2);

    private final String noun;
    private final int idLast;

    EventFamily(String noun, int idLast) {
        this.noun = noun;
        this.idLast = idLast;
    }

    String noun() {
        return noun;
    }

    boolean knows(int eventId) {
        return eventId >= 0 && eventId < idLast;
    }
}
