"""Illustrations for the demo content, drawn with Pillow. The project owns these drawings.

No text, so one picture serves all three languages. Flat shapes in a few colours, so
the WebP renditions readers download stay small. Everything is chosen from a hash of
the channel and the slug, so a drawing never changes between runs and no two articles
look alike:

- the subject: a motif named by a word of the slug (``plateau-pika-…`` gets a pika,
  ``…-snow-blindness`` an eye under the sun), else one of its channel's motifs;
  motifs that are signs (a cross, a warning triangle) sit on a badge;
- the scene behind it: its channel's kind of landscape (ecology: mountains, lakes and
  pasture; health: soft hills; emergency: storm or dusk; defence: ranges at dawn), in
  one of four palettes, with the subject on the left, in the middle or on the right.
"""

import hashlib
import io
import random
from math import cos, pi, radians, sin

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540
SCALE = 2  # drawn at twice the size and reduced: smooth edges without anti-aliasing
WHITE = (255, 255, 255)
INK = (40, 36, 34)


def illustration(channel, slug):
    """The drawing for the article ``slug`` of ``channel``, as PNG bytes."""
    rng = random.Random(hashlib.sha256(f"{channel}/{slug}".encode()).digest())
    canvas = Canvas()
    palettes = PALETTES.get(channel, PALETTES["ecology"])
    motif = keyword_motif(slug)
    if motif is None:
        motif = rng.choice(CHANNEL_MOTIFS.get(channel, CHANNEL_MOTIFS["ecology"]))
        palette = rng.choice(palettes)
    else:
        # A channel's motifs are listed in the order of its palettes, so the articles
        # side by side in a channel's list differ in colour as well as in subject.
        motifs = CHANNEL_MOTIFS.get(channel, [])
        palette = palettes[motifs.index(motif) % len(palettes) if motif in motifs else 0]
    SCENES.get(channel, _pasture)(canvas, rng, palette, motif)
    x = rng.choice((0.26, 0.5, 0.74)) * WIDTH
    size = rng.uniform(0.9, 1.1)
    if motif in EMBLEMS:
        _badge(canvas, rng, x, 250, 150 * size, palette)
        MOTIFS[motif](canvas, x, 250, 105 * size, palette, rng)
    else:
        MOTIFS[motif](canvas, x, 385, 120 * size, palette, rng)
    image = canvas.image.reduce(SCALE)
    buffer = io.BytesIO()
    # Few colours: a palette PNG is a third of the size of a true-colour one.
    image.quantize(64, method=Image.Quantize.MEDIANCUT).save(buffer, format="PNG")
    return buffer.getvalue()


def keyword_motif(slug):
    """The motif the first word of the slug that names one asks for, or None."""
    words = slug.split("-")
    for keyword, motif in KEYWORDS:
        if keyword in words:
            return motif
    return None


class Canvas:
    """An ImageDraw at SCALE times the size, taking coordinates in output pixels."""

    def __init__(self):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE))
        self.draw = ImageDraw.Draw(self.image)

    def _points(self, points):
        return [(x * SCALE, y * SCALE) for x, y in points]

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=1):
        self.draw.ellipse(
            self._points([(x0, y0), (x1, y1)]), fill=fill, outline=outline, width=int(width * SCALE)
        )

    def circle(self, x, y, r, fill=None, outline=None, width=1):
        self.ellipse(x - r, y - r, x + r, y + r, fill=fill, outline=outline, width=width)

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        self.draw.rounded_rectangle(self._points([(x0, y0), (x1, y1)]), radius * SCALE, fill=fill)

    def line(self, points, fill, width):
        self.draw.line(self._points(points), fill=fill, width=int(width * SCALE), joint="curve")

    def arc(self, x, y, r, start, end, fill, width):
        self.draw.arc(
            self._points([(x - r, y - r), (x + r, y + r)]),
            start,
            end,
            fill=fill,
            width=int(width * SCALE),
        )


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


# Scenes -------------------------------------------------------------------------------


def _sky(c, top, bottom, bands=7):
    """A sky in a few flat bands: a poster's gradient, which also compresses well."""
    for i in range(bands):
        c.rect(
            0,
            HEIGHT * i / bands,
            WIDTH,
            HEIGHT * (i + 1) / bands + 1,
            _mix(top, bottom, i / (bands - 1)),
        )


def _range(c, rng, base, colour, low, high, snow=None):
    x = -rng.randint(40, 160)
    while x < WIDTH:
        width = rng.randint(200, 380)
        peak = (x + width * rng.uniform(0.4, 0.6), base - rng.randint(low, high))
        c.polygon([(x, base), peak, (x + width, base)], fill=colour)
        if snow:
            t = rng.uniform(0.22, 0.32)
            left = (peak[0] + (x - peak[0]) * t, peak[1] + (base - peak[1]) * t)
            right = (peak[0] + (x + width - peak[0]) * t, peak[1] + (base - peak[1]) * t)
            middle = (peak[0] + rng.uniform(-12, 12), peak[1] + (base - peak[1]) * t * 1.4)
            c.polygon([left, peak, right, middle], fill=snow)
        x += width - rng.randint(50, 150)


def _hills(c, rng, base, colour):
    x = -100
    while x < WIDTH:
        width = rng.randint(300, 520)
        c.ellipse(x, base - rng.randint(40, 110), x + width, base + 200, fill=colour)
        x += width - rng.randint(80, 200)


def _sun(c, rng, palette):
    x, y, r = rng.choice((rng.randint(80, 220), rng.randint(740, 880))), rng.randint(60, 130), 44
    c.circle(x, y, r * 1.5, fill=_mix(palette["sky"][0], palette["sun"], 0.35))
    c.circle(x, y, r, fill=palette["sun"])


def _clouds(c, rng, colour, count):
    for _ in range(count):
        x, y, w = rng.randint(0, WIDTH), rng.randint(30, 170), rng.randint(90, 170)
        c.ellipse(x, y, x + w, y + w * 0.32, fill=colour)
        c.ellipse(x + w * 0.2, y - w * 0.16, x + w * 0.65, y + w * 0.25, fill=colour)


def _pasture(c, rng, p, motif):
    _sky(c, *p["sky"])
    _sun(c, rng, p)
    _clouds(c, rng, _mix(p["sky"][1], WHITE, 0.6), rng.randint(1, 3))
    _range(c, rng, 330, p["far"], 140, 250, snow=(245, 248, 252))
    kind = rng.choice(("lake", "river", "hills"))
    if kind == "hills":
        _hills(c, rng, 360, p["near"])
        c.rect(0, 360, WIDTH, HEIGHT, p["ground"])
    else:
        c.rect(0, 320, WIDTH, HEIGHT, p["ground"])
        _hills(c, rng, 345, p["near"])
        c.rect(0, 345, WIDTH, HEIGHT, p["ground"])
    if kind == "lake":
        x = rng.randint(-80, 500)
        c.ellipse(x, 352, x + rng.randint(380, 560), 420, fill=p["water"])
        c.ellipse(x + 60, 372, x + 200, 382, fill=_mix(p["water"], WHITE, 0.35))
    elif kind == "river":
        start = rng.randint(200, 760)
        points, x = [], start
        for step in range(8):
            y = 345 + step * 28
            points.append((x, y))
            x += rng.randint(-70, 70)
        left = [(x - 6 - i * 9, y) for i, (x, y) in enumerate(points)]
        right = [(x + 6 + i * 9, y) for i, (x, y) in reversed(list(enumerate(points)))]
        c.polygon(left + right, fill=p["water"])
    for _ in range(rng.randint(6, 14)):  # tufts of grass
        x, y = rng.randint(0, WIDTH), rng.randint(440, 530)
        c.polygon([(x, y), (x + 6, y - 18), (x + 12, y)], fill=_mix(p["ground"], INK, 0.25))


def _clinic(c, rng, p, motif):
    _sky(c, *p["sky"], bands=5)
    _sun(c, rng, p)
    _hills(c, rng, 430, p["far"])
    _hills(c, rng, 480, p["near"])
    c.rect(0, 480, WIDTH, HEIGHT, p["near"])
    for _ in range(rng.randint(5, 9)):  # bubbles
        x, y, r = rng.randint(0, WIDTH), rng.randint(20, 420), rng.randint(8, 26)
        c.circle(x, y, r, outline=p["accent"], width=4)
    for _ in range(rng.randint(2, 4)):  # small plus signs
        x, y, r = rng.randint(20, WIDTH - 20), rng.randint(30, 400), rng.randint(8, 14)
        c.rect(x - r, y - r / 3, x + r, y + r / 3, p["accent"])
        c.rect(x - r / 3, y - r, x + r / 3, y + r, p["accent"])


def _storm(c, rng, p, motif):
    _sky(c, *p["sky"])
    _clouds(c, rng, _mix(p["sky"][0], INK, 0.25), rng.randint(2, 4))
    _range(c, rng, 380, p["far"], 120, 230, snow=_mix(p["ground"], WHITE, 0.3))
    c.rect(0, 372, WIDTH, HEIGHT, p["ground"])
    _hills(c, rng, 400, p["near"])
    c.rect(0, 400, WIDTH, HEIGHT, p["near"])
    weather = WEATHER.get(motif) or rng.choice(("snow", "rain", "none"))
    for _ in range(rng.randint(60, 110) if weather != "none" else 0):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        if weather == "snow":
            c.circle(x, y, rng.choice((2, 3, 4)), fill=WHITE)
        else:
            c.line([(x, y), (x - 6, y + 18)], fill=_mix(p["sky"][1], WHITE, 0.5), width=2)


def _frontier(c, rng, p, motif):
    _sky(c, *p["sky"])
    _sun(c, rng, p)
    _range(c, rng, 400, p["far"], 160, 260, snow=_mix(p["sky"][1], WHITE, 0.7))
    _range(c, rng, 450, p["near"], 60, 140)
    c.rect(0, 445, WIDTH, HEIGHT, p["ground"])
    if rng.random() < 0.5:  # a ridge wall, like the passes' old walls
        y = rng.randint(430, 460)
        c.rect(0, y, WIDTH, y + 16, _mix(p["near"], INK, 0.3))
        for x in range(rng.randint(0, 30), WIDTH, 48):
            c.rect(x, y - 12, x + 24, y, _mix(p["near"], INK, 0.3))


WEATHER = {"snowflake": "snow", "blizzard": "snow", "lightning": "rain", "wave": "rain"}
SCENES = {"ecology": _pasture, "health": _clinic, "emergency": _storm, "defence": _frontier}


# Motifs: (canvas, x, y, size, palette, rng), drawn around (x, y) ----------------------


def _badge(c, rng, x, y, r, p):
    shadow = _mix(p["sky"][1], INK, 0.25)
    if rng.random() < 0.5:
        c.circle(x + 8, y + 10, r, fill=shadow)
        c.circle(x, y, r, fill=p["badge"])
    else:
        c.rect(x - r + 8, y - r + 10, x + r + 8, y + r + 10, shadow, radius=r * 0.3)
        c.rect(x - r, y - r, x + r, y + r, p["badge"], radius=r * 0.3)


def _cross(c, x, y, s, p, rng):
    # Green: the red cross emblem is protected by law and not ours to use.
    w = s * 0.36
    c.rect(x - w, y - s, x + w, y + s, (30, 140, 90), radius=w * 0.3)
    c.rect(x - s, y - w, x + s, y + w, (30, 140, 90), radius=w * 0.3)


def _heart(c, x, y, s, p, rng, colour=(215, 60, 80)):
    r = s * 0.52
    c.circle(x - r * 0.95, y - r * 0.45, r, fill=colour)
    c.circle(x + r * 0.95, y - r * 0.45, r, fill=colour)
    c.polygon(
        [(x - r * 1.9, y - r * 0.2), (x + r * 1.9, y - r * 0.2), (x, y + s * 1.05)], fill=colour
    )
    # A pulse line across it: the heart under thin air.
    w = s * 1.2
    c.line(
        [(x - w, y), (x - w * 0.3, y), (x - w * 0.15, y - s * 0.45), (x + w * 0.05, y + s * 0.4),
         (x + w * 0.2, y), (x + w, y)],
        fill=WHITE, width=max(4, s * 0.08),
    )  # fmt: skip


def _drop(c, x, y, s, p, rng):
    colour = (60, 140, 210)
    c.circle(x, y + s * 0.3, s * 0.62, fill=colour)
    c.polygon([(x - s * 0.54, y), (x, y - s * 1.05), (x + s * 0.54, y)], fill=colour)
    c.circle(x - s * 0.22, y + s * 0.2, s * 0.14, fill=_mix(colour, WHITE, 0.6))
    for dx in (-1.25, 1.25):  # reeds on either side
        base = x + dx * s
        c.line([(base, y + s * 1.0), (base + dx * 8, y - s * 0.5)], fill=(90, 120, 60), width=6)
        c.ellipse(
            base + dx * 8 - 8, y - s * 0.8, base + dx * 8 + 8, y - s * 0.4, fill=(140, 95, 50)
        )


def _eye(c, x, y, s, p, rng):
    points = []
    for i in range(41):
        t = pi * i / 20
        points.append((x + s * cos(t), y - s * 0.55 * sin(t) * (1 if i <= 20 else -1)))
    c.polygon(points, fill=WHITE)
    c.circle(x, y, s * 0.42, fill=(70, 120, 170))
    c.circle(x, y, s * 0.2, fill=INK)
    c.circle(x + s * 0.12, y - s * 0.12, s * 0.07, fill=WHITE)
    c.line(points[:21], fill=INK, width=6)
    c.line(points[20:] + [points[0]], fill=INK, width=6)
    for i in range(8):  # the sun's rays above: the glare that burns
        a = radians(200 + i * 20)
        c.line(
            [(x + s * 1.15 * cos(a), y - s * 0.3 + s * 1.15 * sin(a)),
             (x + s * 1.4 * cos(a), y - s * 0.3 + s * 1.4 * sin(a))],
            fill=(240, 170, 30), width=8,
        )  # fmt: skip


def _capsule(c, x, y, s, p, rng):
    c.rect(x - s, y - s * 0.38, x + s, y + s * 0.38, (80, 150, 210), radius=s * 0.38)
    c.rect(x, y - s * 0.38, x + s, y + s * 0.38, (235, 110, 90), radius=s * 0.38)
    c.rect(x, y - s * 0.38, x + s * 0.4, y + s * 0.38, (235, 110, 90))


def _triangle(c, x, y, s, p, rng):
    c.polygon(
        [(x, y - s * 1.05), (x - s * 1.15, y + s * 0.85), (x + s * 1.15, y + s * 0.85)], fill=INK
    )
    c.polygon(
        [(x, y - s * 0.82), (x - s * 0.95, y + s * 0.74), (x + s * 0.95, y + s * 0.74)],
        fill=(245, 170, 30),
    )
    c.rect(x - s * 0.1, y - s * 0.4, x + s * 0.1, y + s * 0.25, INK, radius=s * 0.06)
    c.circle(x, y + s * 0.48, s * 0.12, fill=INK)


def _flame(c, x, y, s, p, rng):
    for scale, colour in ((1.0, (230, 80, 30)), (0.68, (250, 160, 40)), (0.38, (255, 225, 120))):
        r = s * 0.62 * scale
        cy = y + s * 0.45 - (1 - scale) * s * 0.1
        c.circle(x, cy, r, fill=colour)
        c.polygon(
            [(x - r, cy - r * 0.1), (x + r * 0.15, cy - s * 1.45 * scale), (x + r, cy - r * 0.1)],
            fill=colour,
        )


def _house(c, x, y, s, p, rng):
    wall, roof = (235, 225, 205), (170, 70, 50)
    c.rect(x - s * 0.8, y - s * 0.3, x + s * 0.8, y + s * 0.9, wall)
    c.polygon([(x - s, y - s * 0.25), (x, y - s * 1.05), (x + s, y - s * 0.25)], fill=roof)
    c.rect(x - s * 0.2, y + s * 0.3, x + s * 0.2, y + s * 0.9, (120, 80, 50))
    c.rect(x - s * 0.62, y, x - s * 0.32, y + s * 0.3, (120, 170, 210))
    # The crack of an earthquake running down the wall.
    c.line(
        [(x + s * 0.45, y - s * 0.62), (x + s * 0.3, y - s * 0.2), (x + s * 0.55, y + s * 0.1),
         (x + s * 0.38, y + s * 0.5), (x + s * 0.6, y + s * 0.9)],
        fill=INK, width=max(4, s * 0.06),
    )  # fmt: skip
    for i in range(3):  # the ground shaking
        c.arc(x, y + s * 1.2, s * (1.1 + i * 0.25), 200, 340, fill=INK, width=5)


def _snowflake(c, x, y, s, p, rng):
    colour = (60, 110, 170)
    for i in range(6):
        a = radians(90 + i * 60)
        end = (x + s * cos(a), y - s * sin(a))
        c.line([(x, y), end], fill=colour, width=max(6, s * 0.1))
        for t in (0.45, 0.72):
            bx, by = x + s * t * cos(a), y - s * t * sin(a)
            for side in (-40, 40):
                b = a + radians(side)
                c.line(
                    [(bx, by), (bx + s * 0.28 * cos(b), by - s * 0.28 * sin(b))],
                    fill=colour,
                    width=max(5, s * 0.07),
                )
    c.circle(x, y, s * 0.14, fill=colour)


def _cloud(c, x, y, s, colour):
    c.ellipse(x - s, y - s * 0.2, x + s, y + s * 0.45, fill=colour)
    c.circle(x - s * 0.35, y - s * 0.2, s * 0.45, fill=colour)
    c.circle(x + s * 0.25, y - s * 0.35, s * 0.55, fill=colour)


def _blizzard(c, x, y, s, p, rng):
    _cloud(c, x, y - s * 0.3, s, (110, 125, 150))
    for i in range(7):
        fx, fy = x - s * 0.8 + i * s * 0.27, y + s * (0.45 + 0.3 * (i % 3))
        for a in (0, 60, 120):
            r = radians(a)
            c.line(
                [(fx - 10 * cos(r), fy - 10 * sin(r)), (fx + 10 * cos(r), fy + 10 * sin(r))],
                fill=(60, 110, 170),
                width=4,
            )
    for i in range(3):  # wind
        wy = y + s * (0.2 + i * 0.35)
        c.line([(x - s * 1.35, wy), (x - s * 0.9, wy - 6), (x - s * 0.5, wy)], fill=WHITE, width=6)


def _lightning(c, x, y, s, p, rng):
    _cloud(c, x, y - s * 0.45, s, (90, 95, 115))
    c.polygon(
        [(x + s * 0.05, y - s * 0.1), (x - s * 0.35, y + s * 0.55), (x - s * 0.02, y + s * 0.5),
         (x - s * 0.2, y + s * 1.15), (x + s * 0.4, y + s * 0.3), (x + s * 0.08, y + s * 0.35),
         (x + s * 0.3, y - s * 0.1)],
        fill=(250, 210, 40),
    )  # fmt: skip
    for i in range(5):  # rain
        rx = x - s * 0.8 + i * s * 0.4
        c.line([(rx, y + s * 0.1), (rx - 10, y + s * 0.4)], fill=(120, 170, 220), width=5)


def _wave(c, x, y, s, p, rng):
    for row, colour in enumerate(((40, 100, 170), (70, 140, 200), (150, 200, 235))):
        top = y - s * 0.6 + row * s * 0.45
        points = [(x - s * 1.4, y + s * 1.0)]
        for i in range(29):
            t = i / 28
            points.append((x - s * 1.4 + t * s * 2.8, top + s * 0.12 * sin(t * 4 * pi + row)))
        points.append((x + s * 1.4, y + s * 1.0))
        c.polygon(points, fill=colour)


def _shield(c, x, y, s, p, rng):
    c.polygon(
        [(x - s * 0.85, y - s * 0.95), (x + s * 0.85, y - s * 0.95), (x + s * 0.85, y + s * 0.1),
         (x, y + s * 1.05), (x - s * 0.85, y + s * 0.1)],
        fill=(40, 90, 150),
    )  # fmt: skip
    _star(c, x, y - s * 0.05, s * 0.55, (245, 200, 60))


def _star(c, x, y, r, colour):
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        a = radians(-90 + i * 36)
        points.append((x + radius * cos(a), y + radius * sin(a)))
    c.polygon(points, fill=colour)


def _siren(c, x, y, s, p, rng):
    colour = (200, 60, 50)
    c.rect(x - s * 0.9, y - s * 0.28, x - s * 0.45, y + s * 0.28, INK, radius=6)
    c.polygon(
        [
            (x - s * 0.5, y - s * 0.28),
            (x + s * 0.25, y - s * 0.8),
            (x + s * 0.25, y + s * 0.8),
            (x - s * 0.5, y + s * 0.28),
        ],
        fill=colour,
    )
    for i in range(3):  # the sound of the alarm
        c.arc(x + s * 0.25, y, s * (0.4 + i * 0.3), -45, 45, fill=INK, width=max(5, s * 0.07))


def _medal(c, x, y, s, p, rng):
    c.polygon(
        [
            (x - s * 0.55, y - s * 1.05),
            (x - s * 0.15, y - s * 1.05),
            (x + s * 0.2, y - s * 0.15),
            (x - s * 0.2, y - s * 0.15),
        ],
        fill=(200, 50, 50),
    )
    c.polygon(
        [
            (x + s * 0.55, y - s * 1.05),
            (x + s * 0.15, y - s * 1.05),
            (x - s * 0.2, y - s * 0.15),
            (x + s * 0.2, y - s * 0.15),
        ],
        fill=(40, 90, 150),
    )
    c.circle(x, y + s * 0.35, s * 0.62, fill=(220, 170, 50))
    c.circle(x, y + s * 0.35, s * 0.48, fill=(240, 200, 80))
    _star(c, x, y + s * 0.37, s * 0.36, (200, 50, 50))


def _marker(c, x, y, s, p, rng):
    """A boundary post over a buried cable: what protects military facilities."""
    c.line([(x - s * 1.4, y + s * 0.95), (x + s * 1.4, y + s * 0.95)], fill=(245, 170, 30), width=8)
    for i in range(7):
        dx = x - s * 1.3 + i * s * 0.43
        c.line([(dx, y + s * 0.95), (dx + s * 0.15, y + s * 0.95)], fill=INK, width=8)
    c.rect(x - s * 0.2, y - s * 0.95, x + s * 0.2, y + s * 0.95, WHITE)
    for i in range(3):
        top = y - s * 0.95 + i * s * 0.6
        c.rect(x - s * 0.2, top, x + s * 0.2, top + s * 0.3, (200, 50, 50))
    c.polygon(
        [(x - s * 0.28, y - s * 0.95), (x, y - s * 1.2), (x + s * 0.28, y - s * 0.95)],
        fill=(200, 50, 50),
    )


def _book(c, x, y, s, p, rng):
    c.polygon(
        [
            (x, y - s * 0.55),
            (x - s * 1.1, y - s * 0.75),
            (x - s * 1.1, y + s * 0.6),
            (x, y + s * 0.8),
        ],
        fill=(240, 240, 235),
    )
    c.polygon(
        [
            (x, y - s * 0.55),
            (x + s * 1.1, y - s * 0.75),
            (x + s * 1.1, y + s * 0.6),
            (x, y + s * 0.8),
        ],
        fill=(225, 228, 230),
    )
    for i in range(4):  # lines of text, without any text
        ty = y - s * 0.4 + i * s * 0.25
        c.line(
            [(x - s * 0.9, ty - s * 0.1), (x - s * 0.15, ty + s * 0.02)],
            fill=(170, 175, 185),
            width=5,
        )
        c.line(
            [(x + s * 0.15, ty + s * 0.02), (x + s * 0.9, ty - s * 0.1)],
            fill=(170, 175, 185),
            width=5,
        )
    _shield(c, x, y - s * 1.05, s * 0.32, p, rng)


def _animal_body(c, x, y, w, h, colour, leg_colour=None):
    leg_colour = leg_colour or colour
    for dx in (-0.32, -0.15, 0.15, 0.32):
        c.rect(x + w * dx - w * 0.05, y, x + w * dx + w * 0.05, y + h * 0.8, leg_colour, radius=4)
    c.ellipse(x - w / 2, y - h / 2, x + w / 2, y + h / 2, fill=colour)


def _yak(c, x, y, s, p, rng):
    dark = (50, 42, 38)
    _animal_body(c, x, y - s * 0.2, s * 1.6, s * 0.8, dark)
    c.polygon(
        [
            (x - s * 0.8, y - s * 0.1),
            (x - s * 0.7, y + s * 0.45),
            (x + s * 0.7, y + s * 0.45),
            (x + s * 0.8, y - s * 0.1),
        ],
        fill=dark,
    )  # shaggy skirt
    c.circle(x - s * 0.85, y - s * 0.25, s * 0.28, fill=dark)
    c.arc(
        x - s * 0.85, y - s * 0.5, s * 0.25, 180, 330, fill=(240, 235, 220), width=max(4, s * 0.06)
    )
    c.circle(x - s * 0.95, y - s * 0.3, s * 0.04, fill=WHITE)
    for i in range(rng.randint(2, 4)):  # sheep beside the yak
        _sheep(c, x + s * (1.3 + i * 0.55), y + s * 0.35 + (i % 2) * 12, s * 0.32, p, rng)


def _sheep(c, x, y, s, p, rng, colour=(245, 243, 236)):
    _animal_body(c, x, y, s * 1.4, s * 0.9, colour, leg_colour=INK)
    for dx in (-0.5, -0.1, 0.3):
        c.circle(x + s * dx, y - s * 0.35, s * 0.32, fill=colour)
    c.ellipse(x - s * 0.95, y - s * 0.5, x - s * 0.5, y + s * 0.05, fill=INK)


def _lamb(c, x, y, s, p, rng):
    _sheep(c, x - s * 0.5, y, s * 0.9, p, rng)
    _sheep(c, x + s * 0.7, y + s * 0.25, s * 0.55, p, rng)
    _heart(c, x + s * 1.2, y - s * 1.0, s * 0.3, p, rng, colour=(30, 140, 90))


def _pika(c, x, y, s, p, rng):
    fur, light = (150, 120, 95), (205, 185, 160)
    c.ellipse(x - s * 1.5, y + s * 0.45, x + s * 1.5, y + s * 0.9, fill=(70, 50, 40))  # its burrow
    c.ellipse(x - s * 0.8, y - s * 0.6, x + s * 0.8, y + s * 0.65, fill=fur)
    c.ellipse(x - s * 0.45, y - s * 0.1, x + s * 0.45, y + s * 0.62, fill=light)
    c.circle(x - s * 0.25, y - s * 0.95, s * 0.2, fill=fur)
    c.circle(x + s * 0.25, y - s * 0.95, s * 0.2, fill=fur)
    c.circle(x, y - s * 0.55, s * 0.48, fill=fur)
    c.circle(x - s * 0.18, y - s * 0.62, s * 0.07, fill=INK)
    c.circle(x + s * 0.18, y - s * 0.62, s * 0.07, fill=INK)
    c.circle(x, y - s * 0.45, s * 0.06, fill=INK)


def _marmot(c, x, y, s, p, rng):
    fur, light = (165, 120, 70), (215, 180, 130)
    c.ellipse(x - s * 0.65, y - s * 0.9, x + s * 0.65, y + s * 0.8, fill=fur)
    c.ellipse(x - s * 0.38, y - s * 0.4, x + s * 0.38, y + s * 0.72, fill=light)
    c.circle(x, y - s * 1.05, s * 0.42, fill=fur)
    c.circle(x - s * 0.3, y - s * 1.38, s * 0.12, fill=fur)
    c.circle(x + s * 0.3, y - s * 1.38, s * 0.12, fill=fur)
    c.circle(x - s * 0.15, y - s * 1.1, s * 0.06, fill=INK)
    c.circle(x + s * 0.15, y - s * 1.1, s * 0.06, fill=INK)
    c.ellipse(x - s * 0.14, y - s * 0.92, x + s * 0.14, y - s * 0.78, fill=INK)
    c.ellipse(x - s * 0.55, y - s * 0.35, x - s * 0.25, y - s * 0.15, fill=fur)  # paws held up
    c.ellipse(x + s * 0.25, y - s * 0.35, x + s * 0.55, y - s * 0.15, fill=fur)
    # Keep away: a ring around it.
    c.arc(x, y - s * 0.2, s * 1.4, 0, 360, fill=(200, 60, 50), width=max(6, s * 0.08))


def _dog(c, x, y, s, p, rng):
    coat = (120, 85, 55)
    _animal_body(c, x, y, s * 1.5, s * 0.7, coat)
    c.line(
        [(x + s * 0.7, y - s * 0.1), (x + s * 1.05, y - s * 0.55)],
        fill=coat,
        width=max(8, s * 0.12),
    )
    c.circle(x - s * 0.8, y - s * 0.45, s * 0.36, fill=coat)
    c.ellipse(x - s * 1.35, y - s * 0.42, x - s * 0.8, y - s * 0.15, fill=coat)  # muzzle
    c.circle(x - s * 1.32, y - s * 0.36, s * 0.07, fill=INK)
    c.polygon(
        [(x - s * 0.72, y - s * 0.8), (x - s * 0.5, y - s * 0.3), (x - s * 0.85, y - s * 0.45)],
        fill=(80, 55, 35),
    )
    c.circle(x - s * 0.85, y - s * 0.55, s * 0.05, fill=INK)
    # Its bowl, with boiled food only.
    c.polygon(
        [
            (x - s * 2.1, y + s * 0.5),
            (x - s * 1.5, y + s * 0.5),
            (x - s * 1.6, y + s * 0.78),
            (x - s * 2.0, y + s * 0.78),
        ],
        fill=(60, 130, 190),
    )
    for i in range(3):
        c.arc(x - s * 1.8 + (i - 1) * 12, y + s * 0.2, 10, 180, 360, fill=(250, 250, 250), width=3)


def _fish(c, x, y, s, p, rng):
    body = (225, 170, 60)
    c.polygon(
        [
            (x + s * 0.85, y),
            (x + s * 1.45, y - s * 0.45),
            (x + s * 1.35, y),
            (x + s * 1.45, y + s * 0.45),
        ],
        fill=body,
    )
    c.ellipse(x - s * 1.1, y - s * 0.45, x + s, y + s * 0.45, fill=body)
    c.ellipse(x - s * 0.6, y - s * 0.08, x + s * 0.6, y + s * 0.4, fill=_mix(body, WHITE, 0.5))
    c.polygon(
        [(x - s * 0.1, y - s * 0.4), (x + s * 0.35, y - s * 0.75), (x + s * 0.45, y - s * 0.35)],
        fill=body,
    )
    c.circle(x - s * 0.7, y - s * 0.1, s * 0.09, fill=INK)
    for i in range(4):  # bubbles rising
        c.circle(x - s * 1.2 - i * 6, y - s * (0.6 + i * 0.35), 6 + i * 2, outline=WHITE, width=3)


def _turtle(c, x, y, s, p, rng):
    shell, skin = (70, 120, 60), (140, 170, 90)
    for dx in (-0.6, 0.6):
        c.ellipse(x + s * dx - s * 0.2, y + s * 0.1, x + s * dx + s * 0.2, y + s * 0.5, fill=skin)
    c.circle(x - s * 1.05, y - s * 0.05, s * 0.25, fill=skin)
    c.ellipse(x - s * 0.9, y - s * 0.6, x + s * 0.9, y + s * 0.35, fill=shell)
    for dx in (-0.45, 0, 0.45):
        c.polygon(
            [
                (x + s * dx, y - s * 0.45),
                (x + s * dx + s * 0.2, y - s * 0.2),
                (x + s * dx, y + s * 0.05),
                (x + s * dx - s * 0.2, y - s * 0.2),
            ],
            fill=_mix(shell, WHITE, 0.25),
        )
    c.circle(x - s * 1.12, y - s * 0.1, s * 0.05, fill=INK)
    # A "no" ring: not released here.
    c.arc(x, y - s * 0.1, s * 1.45, 0, 360, fill=(200, 60, 50), width=max(6, s * 0.08))
    c.line(
        [(x - s * 1.02, y - s * 1.12), (x + s * 1.02, y + s * 0.92)],
        fill=(200, 60, 50),
        width=max(6, s * 0.08),
    )


def _tree(c, x, y, s, p, rng):
    """A tree with birds over it."""
    for _ in range(rng.randint(3, 5)):
        bx, by, r = (
            x + rng.uniform(-1.4, 1.4) * s,
            y - s * 1.4 + rng.uniform(-0.6, 0.6) * s,
            rng.uniform(0.15, 0.3) * s,
        )
        c.arc(bx - r, by, r, 200, 340, fill=INK, width=5)
        c.arc(bx + r, by, r, 200, 340, fill=INK, width=5)
    c.line([(x, y + s), (x, y - s * 0.2)], fill=(110, 80, 50), width=max(10, s * 0.16))
    for dx, dy, r in ((0, -0.6, 0.55), (-0.4, -0.3, 0.4), (0.4, -0.3, 0.4)):
        c.circle(x + dx * s, y + dy * s, r * s, fill=(70, 130, 70))


MOTIFS = {
    "cross": _cross,
    "heart": _heart,
    "drop": _drop,
    "eye": _eye,
    "capsule": _capsule,
    "triangle": _triangle,
    "flame": _flame,
    "house": _house,
    "snowflake": _snowflake,
    "blizzard": _blizzard,
    "lightning": _lightning,
    "wave": _wave,
    "shield": _shield,
    "siren": _siren,
    "medal": _medal,
    "marker": _marker,
    "book": _book,
    "yak": _yak,
    "lamb": _lamb,
    "pika": _pika,
    "marmot": _marmot,
    "dog": _dog,
    "fish": _fish,
    "turtle": _turtle,
    "tree": _tree,
}
# Signs rather than things: drawn on a badge, high in the picture.
EMBLEMS = {
    "cross", "heart", "drop", "eye", "capsule", "triangle", "flame", "house", "snowflake",
    "blizzard", "lightning", "wave", "shield", "siren", "medal", "book", "marker",
}  # fmt: skip
# A word of the slug -> its motif; the first match wins, so "eyes" beats "snow".
KEYWORDS = [
    ("eyes", "eye"),
    ("blindness", "eye"),
    ("dogs", "dog"),
    ("hydatid", "dog"),
    ("marmots", "marmot"),
    ("plague", "marmot"),
    ("lambing", "lamb"),
    ("brucellosis", "lamb"),
    ("altitude", "heart"),
    ("elderly", "heart"),
    ("pika", "pika"),
    ("carp", "fish"),
    ("fish", "fish"),
    ("livestock", "yak"),
    ("yak", "yak"),
    ("release", "turtle"),
    ("springs", "drop"),
    ("wetlands", "drop"),
    ("water", "drop"),
    ("earthquake", "house"),
    ("blizzard", "blizzard"),
    ("snow", "snowflake"),
    ("lightning", "lightning"),
    ("flood", "wave"),
    ("fire", "flame"),
    ("alarm", "siren"),
    ("air", "siren"),
    ("education", "book"),
    ("security", "shield"),
    ("service", "medal"),
    ("facilities", "marker"),
]
# Each channel's motifs, in the order of its palettes; a slug without a keyword gets one
# of these, in any palette.
CHANNEL_MOTIFS = {
    "ecology": ["pika", "fish", "yak", "drop", "turtle", "tree"],
    "health": ["dog", "marmot", "heart", "eye", "lamb", "cross", "capsule"],
    "emergency": ["house", "snowflake", "lightning", "blizzard", "triangle", "flame", "wave"],
    "defence": ["siren", "book", "medal", "marker", "shield"],
}

PALETTES = {
    "ecology": [
        {"sky": ((110, 175, 230), (205, 232, 246)), "sun": (255, 226, 120), "far": (112, 128, 156),
         "near": (108, 165, 84), "ground": (92, 150, 70), "water": (70, 140, 200), "badge": WHITE,
         "accent": (120, 180, 160)},
        {"sky": ((245, 175, 140), (255, 232, 200)), "sun": (255, 245, 210), "far": (150, 118, 140),
         "near": (150, 165, 92), "ground": (128, 150, 80), "water": (110, 150, 205), "badge": WHITE,
         "accent": (200, 150, 120)},
        {"sky": ((150, 200, 230), (232, 242, 236)), "sun": (255, 240, 170), "far": (132, 112, 100),
         "near": (214, 182, 98), "ground": (196, 164, 86), "water": (80, 130, 170), "badge": WHITE,
         "accent": (190, 150, 80)},
        {"sky": ((64, 92, 152), (240, 176, 128)), "sun": (255, 210, 150), "far": (72, 72, 112),
         "near": (76, 120, 88), "ground": (64, 104, 76), "water": (96, 116, 168), "badge": WHITE,
         "accent": (150, 160, 200)},
        {"sky": ((170, 200, 225), (236, 242, 248)), "sun": (255, 250, 235), "far": (120, 140, 170),
         "near": (200, 214, 200), "ground": (220, 228, 222), "water": (90, 150, 190), "badge": WHITE,
         "accent": (150, 180, 200)},
    ],
    "health": [
        {"sky": ((225, 242, 236), (204, 230, 220)), "sun": (255, 235, 170), "far": (170, 205, 190),
         "near": (140, 190, 170), "badge": WHITE, "accent": (120, 180, 160)},
        {"sky": ((232, 228, 246), (212, 206, 236)), "sun": (255, 220, 200), "far": (184, 176, 220),
         "near": (156, 146, 204), "badge": WHITE, "accent": (150, 140, 200)},
        {"sky": ((255, 236, 222), (250, 214, 196)), "sun": (255, 250, 230), "far": (240, 190, 170),
         "near": (226, 160, 140), "badge": WHITE, "accent": (230, 150, 130)},
        {"sky": ((214, 236, 250), (190, 222, 244)), "sun": (255, 240, 190), "far": (150, 196, 228),
         "near": (110, 170, 214), "badge": WHITE, "accent": (110, 160, 210)},
        {"sky": ((252, 244, 214), (246, 230, 182)), "sun": (255, 255, 240), "far": (226, 208, 150),
         "near": (200, 180, 110), "badge": WHITE, "accent": (210, 180, 100)},
    ],
    "emergency": [
        {"sky": ((88, 98, 120), (196, 202, 214)), "sun": (230, 230, 230), "far": (84, 90, 106),
         "near": (226, 232, 240), "ground": (236, 240, 245), "badge": WHITE, "accent": WHITE},
        {"sky": ((120, 64, 60), (246, 168, 96)), "sun": (255, 200, 120), "far": (90, 60, 70),
         "near": (236, 226, 222), "ground": (210, 196, 190), "badge": (255, 246, 230), "accent": WHITE},
        {"sky": ((28, 36, 70), (80, 96, 140)), "sun": (240, 240, 210), "far": (40, 48, 80),
         "near": (60, 80, 96), "ground": (70, 90, 110), "badge": (236, 240, 248), "accent": WHITE},
        {"sky": ((96, 112, 110), (190, 204, 196)), "sun": (250, 240, 210), "far": (80, 96, 96),
         "near": (96, 130, 100), "ground": (120, 150, 110), "badge": WHITE, "accent": WHITE},
    ],
    "defence": [
        {"sky": ((40, 72, 124), (142, 172, 212)), "sun": (255, 236, 170), "far": (72, 92, 124),
         "near": (56, 86, 76), "ground": (70, 100, 80), "badge": (236, 240, 248)},
        {"sky": ((220, 140, 90), (252, 220, 160)), "sun": (255, 248, 220), "far": (140, 100, 100),
         "near": (100, 90, 70), "ground": (120, 110, 80), "badge": (255, 250, 240)},
        {"sky": ((40, 110, 120), (170, 214, 210)), "sun": (250, 250, 220), "far": (60, 100, 110),
         "near": (70, 110, 90), "ground": (90, 130, 100), "badge": WHITE},
        {"sky": ((60, 50, 100), (220, 140, 150)), "sun": (255, 220, 190), "far": (70, 60, 100),
         "near": (80, 70, 90), "ground": (100, 90, 100), "badge": (246, 240, 248)},
    ],
}  # fmt: skip
