"""The address of `make run`'s development server, as the site's links must spell it.

Plain Python, no Django: the Makefile runs this file with the system's Python to
derive KEPU_BASE_URL from HOST and PORT, and cms/settings/dev.py reads the machine's
addresses from it.

``python cms/dev_server.py HOST PORT`` prints the base URL. HOST 0.0.0.0 (or ::)
listens on every interface: the links then carry the machine's LAN address, which a
phone on the same network can open (and so can the machine itself), where
``http://0.0.0.0:8000`` would open nothing on a phone.
"""

import socket
import sys

EVERY_INTERFACE = ("0.0.0.0", "::", "[::]")


def lan_address():
    """The IPv4 address this machine would use to reach its network, or 127.0.0.1.

    Connecting a UDP socket sends nothing: the kernel only picks the route, and with
    it the source address. 192.0.2.1 is a documentation address (RFC 5737), never a
    real host."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        return probe.getsockname()[0]
    except OSError:  # no network at all
        return "127.0.0.1"
    finally:
        probe.close()


def own_addresses():
    """The machine's own IP addresses and names, as a Host header may spell them."""
    names = {lan_address(), socket.gethostname(), socket.gethostname() + ".local"}
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            address = info[4][0].split("%")[0]  # an IPv6 link-local zone is not in Host
            names.add(f"[{address}]" if ":" in address else address)
    except OSError:  # a hostname that does not resolve
        pass
    return sorted(name for name in names if name)


def base_url(host, port):
    """The site's public base URL for a development server on ``host``:``port``."""
    if host in EVERY_INTERFACE:
        host = lan_address()
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}"


if __name__ == "__main__":
    print(base_url(sys.argv[1], sys.argv[2]))
