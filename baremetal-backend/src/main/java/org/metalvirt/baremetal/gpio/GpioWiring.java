package org.metalvirt.baremetal.gpio;

import java.util.OptionalInt;

/**
 * Which chip lines go to which front-panel pins, and their polarity.
 *
 * @param power            the power-button output
 * @param reset            the reset-button output, if wired
 * @param nmi              the NMI-button output, if the board has an NMI pin and it is wired
 * @param powerOk          the PWR_OK (or power LED) input
 * @param buttonsActiveLow the buttons pull the header's pin to ground when pressed (the usual wiring)
 * @param openDrain        the buttons float when released, as a real switch does
 * @param powerOkActiveLow PWR_OK reads low when power is good (inverted by the wiring)
 */
public record GpioWiring(
        int power,
        OptionalInt reset,
        OptionalInt nmi,
        int powerOk,
        boolean buttonsActiveLow,
        boolean openDrain,
        boolean powerOkActiveLow) {}
