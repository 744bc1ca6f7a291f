"""`python -m tests.fakes.browser_endpoint_runner TOKEN`: the real browser-extension endpoint in its own process.

Prints the port it listens on, then serves until its standard input closes; the memory test measures this
process's resident size around hostile bodies.
"""

from __future__ import annotations

import sys

from ledgerwatch.capture.browser import BrowserEndpoint
from ledgerwatch.capture.tabs import BrowserTabs


def main(argv: list[str]) -> int:
    tabs = BrowserTabs()
    endpoint = BrowserEndpoint(tabs, argv[0], port=0)
    print(endpoint.start(), flush=True)
    sys.stdin.read()
    endpoint.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
