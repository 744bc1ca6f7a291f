"""PyInstaller entry point: the frozen `ledgerwatch` executable runs the same CLI as the console script.

`ledgerwatch policy write|check ...` and `ledgerwatch task register|unregister` (what the installers run) are
dispatched here; so is a browser starting the native messaging host (its first argument is the extension's
origin, chrome-extension://..., or Firefox's manifest path).
"""

import sys


def run() -> int:
    """Dispatch the installers' helpers (`policy write|check`, `task register|unregister`), a browser's native
    messaging call, and everything else to the CLI."""
    if sys.argv[1:2] == ["policy"] and sys.argv[2:3] in (["write"], ["check"]):
        import policy_writer

        return int(policy_writer.main(sys.argv[3:]) if sys.argv[2] == "write" else policy_writer.check(sys.argv[3:]))
    if sys.argv[1:3] == ["task", "register"]:
        import os

        from ledgerwatch.tray.autostart import register_system_task

        return register_system_task(os.path.dirname(sys.executable))
    if sys.argv[1:3] == ["task", "unregister"]:
        from ledgerwatch.tray.autostart import unregister_system_task

        return unregister_system_task()
    if len(sys.argv) > 1 and (sys.argv[1].startswith("chrome-extension://") or sys.argv[1].endswith(".json")):
        from ledgerwatch.runtime.native_host import main as native_host

        return native_host()
    from ledgerwatch.cli import main

    return int(main())


if __name__ == "__main__":
    raise SystemExit(run())
