"""Opens a libvirt URI with python3-libvirt and prints what the connection says of itself, or the
error libvirt raised, as JSON. Credentials come from LIBVIRT_AUTH_FILE only: the callback (which
cyrus needs to consider password mechanisms at all, as Nova passes one) refuses to answer."""
import json
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
try:
    conn = libvirt.openAuth(
        sys.argv[1], [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], lambda creds, data: -1, None], 0)
    print(json.dumps({"hostname": conn.getHostname(), "secure": conn.isSecure(),
                      "encrypted": conn.isEncrypted()}))
    conn.close()
except libvirt.libvirtError as e:
    print(json.dumps({"error": e.get_error_message(), "code": e.get_error_code()}))
