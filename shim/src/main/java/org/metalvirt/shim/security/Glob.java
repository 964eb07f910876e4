package org.metalvirt.shim.security;

/** libvirt's allow-lists match with glib's g_pattern_match_simple: {@code *} any run, {@code ?} one character. */
final class Glob {

    private Glob() {}

    static boolean matches(String glob, String text) {
        return match(glob, 0, text, 0);
    }

    private static boolean match(String glob, int g, String text, int t) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int k = t; k <= text.length(); k++) {
                    if (match(glob, g + 1, text, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            g++;
            t++;
        }
        return t == text.length();
    }
}
