"""Opens a libvirt URI with python3-libvirt (credentials from LIBVIRT_AUTH_FILE if needed) and
prints what the connection says of itself, or the error libvirt raised, as JSON."""
import json
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
try:
    conn = libvirt.open(sys.argv[1])
    print(json.dumps({"hostname": conn.getHostname(), "secure": conn.isSecure(),
                      "encrypted": conn.isEncrypted()}))
    conn.close()
except libvirt.libvirtError as e:
    print(json.dumps({"error": e.get_error_message(), "code": e.get_error_code()}))
