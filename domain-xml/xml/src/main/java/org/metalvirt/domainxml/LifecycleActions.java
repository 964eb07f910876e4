package org.metalvirt.domainxml;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code <on_poweroff>}, {@code <on_reboot>} and {@code <on_crash>}: what happens when the
 * server's OS powers off, reboots or crashes. libvirt's defaults: destroy, restart, destroy.
 */
public record LifecycleActions(Action onPoweroff, Action onReboot, Action onCrash) {

    public static final LifecycleActions DEFAULT = new LifecycleActions(Action.DESTROY, Action.RESTART, Action.DESTROY);

    public LifecycleActions {
        Objects.requireNonNull(onPoweroff, "onPoweroff");
        Objects.requireNonNull(onReboot, "onReboot");
        Objects.requireNonNull(onCrash, "onCrash");
    }

    /** libvirt's lifecycle actions; the XML spelling is the lower-case name with '-'. */
    public enum Action {
        DESTROY,
        RESTART,
        PRESERVE,
        RENAME_RESTART,
        COREDUMP_DESTROY,
        COREDUMP_RESTART;

        public String xml() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Action parse(String element, String text) {
            for (Action action : values()) {
                if (action.xml().equals(text.strip())) {
                    if (action.name().startsWith("COREDUMP") && !element.equals("on_crash")) {
                        break;
                    }
                    return action;
                }
            }
            throw Errors.xml("invalid " + element + " value: '" + text.strip() + "'");
        }
    }
}
