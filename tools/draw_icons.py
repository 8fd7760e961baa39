"""Draw the site's PNG and ICO icons from the mark in cms/static/icons/favicon.svg.

Run after changing the mark: ``.venv/bin/python tools/draw_icons.py``. The outputs are
committed (a few KB), so neither the build nor the server needs an SVG renderer. The
geometry below is the SVG's, on its 64 × 64 grid; keep the two in step.

- favicon.ico (16 and 32 px): the mark on transparency, for /favicon.ico and old browsers;
- icon-192.png, icon-512.png (web app manifest) and apple-touch-icon.png (180 px): the
  mark on a full square of the header colour, inside the central 80 % that Android's
  "maskable" icon shapes never crop.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "cms" / "static" / "icons"
NAVY, LAKE, WHITE = (0x12, 0x40, 0x5E), (0x2B, 0x7B, 0xB0), (255, 255, 255)
SCALE = 8  # drawn large, then reduced: smooth edges without an anti-aliasing renderer

MOUNTAINS = [(8, 42), (24, 20), (31, 29), (38, 17), (56, 42)]
SNOW = [
    [(24, 20), (19.6, 26), (22, 24.6), (24, 26.2), (26, 24.4), (28.7, 26)],
    [(38, 17), (35.1, 22), (37, 21), (38.6, 22.6), (40.2, 21.2), (41.6, 22)],
]
# Waves: (start x, y, period, amplitude, periods), as the SVG's q/t curves.
WAVES = [(14, 48, 9, 1.5, 4), (20, 54, 6, 1.0, 4)]


def mark(size, background=None, inset=0.0):
    """The mark on a ``size`` square; ``inset``: the share of the side left around it."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big * (1 - 2 * inset) / 64
    offset = big * inset

    def at(x, y):
        return (offset + x * unit, offset + y * unit)

    ring = 4 * unit
    r = 29 * unit
    cx, cy = at(32, 32)
    draw.ellipse(
        (cx - r - ring / 2, cy - r - ring / 2, cx + r + ring / 2, cy + r + ring / 2), fill=NAVY
    )
    draw.ellipse(
        (cx - r + ring / 2, cy - r + ring / 2, cx + r - ring / 2, cy + r - ring / 2), fill=WHITE
    )
    draw.polygon([at(x, y) for x, y in MOUNTAINS], fill=NAVY)
    for cap in SNOW:
        draw.polygon([at(x, y) for x, y in cap], fill=WHITE)
    for x0, y0, period, amplitude, count in WAVES:
        steps = 24 * count
        points = [
            at(
                x0 + period * count * i / steps,
                y0 - amplitude * math.sin(math.pi * count * i / steps),
            )
            for i in range(steps + 1)
        ]
        width = round(3 * unit)
        draw.line(points, fill=LAKE, width=width, joint="curve")
        for end in (points[0], points[-1]):  # round caps
            draw.ellipse(
                (end[0] - width / 2, end[1] - width / 2, end[0] + width / 2, end[1] + width / 2),
                fill=LAKE,
            )
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    small = mark(32)
    small.save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32)])
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)):
        icon = mark(size, background=NAVY + (255,), inset=0.1).convert("RGB")
        icon = icon.quantize(colors=64, method=Image.Quantize.MEDIANCUT)  # a few KB, not tens
        icon.save(OUT / name, optimize=True)
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
