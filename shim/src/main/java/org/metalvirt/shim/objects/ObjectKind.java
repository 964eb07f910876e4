package org.metalvirt.shim.objects;

import java.util.function.Function;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.VirtException;

/**
 * What a table holds, for its errors: the noun ("domain", "network"), the error domain its
 * errors come from, and libvirt's not-found error for it (NO_DOMAIN, NO_NETWORK…), given the detail.
 */
public record ObjectKind(String noun, ErrorDomain errors, Function<String, VirtException> notFound) {}
