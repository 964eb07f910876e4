package org.metalvirt.hostxml;

import java.util.List;

/** Formats CPU numbers as libvirt's bitmap strings do: runs as ranges, {@code 0-3,8,10-11}. */
final class CpuSet {

    private CpuSet() {}

    static String format(List<Integer> sortedIds) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sortedIds.size()) {
            int start = sortedIds.get(i);
            int end = start;
            while (i + 1 < sortedIds.size() && sortedIds.get(i + 1) == end + 1) {
                end = sortedIds.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            i++;
        }
        return out.toString();
    }
}
