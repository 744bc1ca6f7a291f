"""PyInstaller entry point: the frozen `ledgerwatch` executable runs the same CLI as the console script.

`ledgerwatch policy write ...` is dispatched here to the installers' policy writer until the CLI has it.
"""

import sys


def run() -> int:
    """Dispatch `policy write` to the installer helper, everything else to the CLI."""
    if sys.argv[1:3] == ["policy", "write"]:
        import policy_writer

        return int(policy_writer.main(sys.argv[3:]))
    from ledgerwatch.cli import main

    return int(main())


if __name__ == "__main__":
    raise SystemExit(run())
