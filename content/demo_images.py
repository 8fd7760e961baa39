"""Illustrations for the demo content, drawn with Pillow (no text, so one picture
serves all three languages). Each channel has its own scene; the slug varies the
details, so no two articles look the same. The project owns these drawings."""

import hashlib
import io
import random
from math import cos, radians, sin

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540


def illustration(channel, slug):
    rng = random.Random(hashlib.sha256(f"{channel}/{slug}".encode()).digest())
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    SCENES.get(channel, _grassland)(draw, rng)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _sky(draw, rng, top, bottom):
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _mountains(draw, rng, base, colour, snow=True):
    x = -50
    while x < WIDTH:
        width = rng.randint(220, 420)
        peak = (x + width // 2, base - rng.randint(120, 260))
        draw.polygon([(x, base), peak, (x + width, base)], fill=colour)
        if snow:
            cap = 0.28
            left = (peak[0] - (width // 2) * cap, peak[1] + (base - peak[1]) * cap)
            right = (peak[0] + (width // 2) * cap, peak[1] + (base - peak[1]) * cap)
            draw.polygon([left, peak, right], fill=(245, 248, 252))
        x += width - rng.randint(60, 140)


def _grassland(draw, rng):
    _sky(draw, rng, (120, 180, 230), (205, 230, 245))
    draw.ellipse([(760, 50), (860, 150)], fill=(255, 226, 120))
    _mountains(draw, rng, 330, (110, 125, 150))
    draw.rectangle([(0, 320), (WIDTH, HEIGHT)], fill=(92, 150, 70))
    draw.ellipse([(rng.randint(80, 400), 360), (rng.randint(560, 880), 450)], fill=(70, 140, 200))
    for _ in range(rng.randint(6, 14)):  # yaks and sheep on the pasture
        x, y = rng.randint(20, WIDTH - 60), rng.randint(440, 520)
        dark = rng.random() < 0.5
        draw.ellipse(
            [(x, y), (x + (46 if dark else 30), y + (24 if dark else 18))],
            fill=(40, 35, 30) if dark else (240, 238, 230),
        )


def _health(draw, rng):
    _sky(draw, rng, (235, 244, 240), (210, 232, 225))
    _mountains(draw, rng, 420, (170, 195, 185), snow=False)
    cx, cy = rng.randint(380, 580), 250
    draw.rounded_rectangle([(cx - 150, cy - 150), (cx + 150, cy + 150)], 40, fill=(255, 255, 255))
    # A green cross: the red cross emblem is protected by law and not ours to use.
    draw.rectangle([(cx - 40, cy - 110), (cx + 40, cy + 110)], fill=(30, 140, 90))
    draw.rectangle([(cx - 110, cy - 40), (cx + 110, cy + 40)], fill=(30, 140, 90))
    for _ in range(rng.randint(4, 8)):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(10, 30)
        draw.ellipse([(x - r, y - r), (x + r, y + r)], outline=(120, 180, 160), width=4)


def _emergency(draw, rng):
    _sky(draw, rng, (90, 100, 120), (200, 205, 215))
    _mountains(draw, rng, 380, (85, 90, 105))
    draw.rectangle([(0, 370), (WIDTH, HEIGHT)], fill=(236, 240, 245))
    for _ in range(120):  # snow
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.ellipse([(x, y), (x + 5, y + 5)], fill=(255, 255, 255))
    cx = rng.randint(300, 660)
    draw.polygon(
        [(cx, 120), (cx - 150, 380), (cx + 150, 380)], fill=(245, 160, 20), outline=(60, 40, 0)
    )
    draw.rectangle([(cx - 14, 190), (cx + 14, 300)], fill=(40, 30, 0))
    draw.ellipse([(cx - 16, 320), (cx + 16, 352)], fill=(40, 30, 0))


def _defence(draw, rng):
    _sky(draw, rng, (40, 70, 120), (140, 170, 210))
    _mountains(draw, rng, 450, (70, 90, 120))
    cx, cy = rng.randint(380, 580), 250
    draw.polygon(
        [
            (cx - 140, cy - 150),
            (cx + 140, cy - 150),
            (cx + 140, cy + 20),
            (cx, cy + 170),
            (cx - 140, cy + 20),
        ],
        fill=(235, 240, 248),
    )
    points = []
    for i in range(10):
        r = 80 if i % 2 == 0 else 32
        angle = -90 + i * 36
        points.append((cx + r * cos(radians(angle)), cy - 10 + r * sin(radians(angle))))
    draw.polygon(points, fill=(200, 40, 40))


SCENES = {"ecology": _grassland, "health": _health, "emergency": _emergency, "defence": _defence}
