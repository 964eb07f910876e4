package org.metalvirt.shim.objects;

import java.util.List;

/**
 * A job in progress on one object, its state lock held: the record as it is now, and the
 * moves a job is made of. Events published here go out when the job ends.
 */
public final class ObjectJob<R extends Named, E> {

    private final ObjectTable<R, E> table;
    private final ObjectTable.Entry<R> entry;
    private final List<E> events;

    ObjectJob(ObjectTable<R, E> table, ObjectTable.Entry<R> entry, List<E> events) {
        this.table = table;
        this.entry = entry;
        this.events = events;
    }

    /** The record now, with every commit of this job in it. */
    public R record() {
        return entry.record;
    }

    /** Saves the new record, then makes it the one everybody sees. */
    public R commit(R record) {
        return table.commit(entry, record);
    }

    /** Deletes the object: it is gone from the table and from the store. */
    public void remove() {
        table.remove(entry);
    }

    /** Queues an event; it is published when the job ends, after what it reports is saved. */
    public void publish(E event) {
        events.add(event);
    }
}
