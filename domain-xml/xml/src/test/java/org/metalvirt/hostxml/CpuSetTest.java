package org.metalvirt.hostxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuSetTest {

    @Test
    void runsBecomeRangesAndLoneCpusStayAlone() {
        assertEquals("0-3,8,10-11", CpuSet.format(List.of(0, 1, 2, 3, 8, 10, 11)));
    }

    @Test
    void hyperthreadSiblingsFarApartAreListed() {
        assertEquals("0,16", CpuSet.format(List.of(0, 16)));
    }

    @Test
    void emptyIsEmpty() {
        assertEquals("", CpuSet.format(List.of()));
    }
}
