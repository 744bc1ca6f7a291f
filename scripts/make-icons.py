"""Draw ledgerwatch's application icon (the tray's recording clock) into packaging/icons/.

Run after changing the tray's drawing: `PYTHONPATH=src python scripts/make-icons.py`. Writes ledgerwatch.ico
(Windows: the executables, the MSI's Add/Remove Programs entry and shortcut), ledgerwatch.icns (the macOS app)
and hicolor PNGs (the Linux menu and autostart entries).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ledgerwatch.tray.icon import TrayState, draw_state

OUT = Path(__file__).resolve().parent.parent / "packaging" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256)


def master(size: int = 1024) -> Image.Image:
    """The recording clock drawn large, so every smaller size is a clean downscale."""
    return draw_state(TrayState.RECORDING, size)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = master()
    for size in PNG_SIZES:
        big.resize((size, size), Image.Resampling.LANCZOS).save(OUT / f"ledgerwatch-{size}.png", optimize=True)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(
        OUT / "ledgerwatch.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    )
    big.resize((512, 512), Image.Resampling.LANCZOS).save(OUT / "ledgerwatch.icns")
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
