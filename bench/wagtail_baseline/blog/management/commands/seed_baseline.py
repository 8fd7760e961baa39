"""Make the baseline's pages once: a home page and one blog page whose title,
introduction and body come from a JSON file (bench/http_bench.py writes it from a demo
article of the site, so both sides render text of the same length and script), with a
header image and a body image drawn here with Pillow."""

import io
import json
import random

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Page, Site

from blog.models import BlogPage, HomePage


def photo(title, seed):
    """A 1600×1000 JPEG with enough detail that it compresses like a photograph."""
    rng = random.Random(seed)
    picture = PILImage.new("RGB", (1600, 1000), (90, 140, 200))
    draw = ImageDraw.Draw(picture)
    for _ in range(400):
        x, y = rng.randrange(1600), rng.randrange(1000)
        r = rng.randrange(10, 120)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    return Image.objects.create(title=title, file=ImageFile(data, name=f"{seed}.jpg"))


class Command(BaseCommand):
    help = "Create the baseline's home page and blog page (once)."

    def add_arguments(self, parser):
        parser.add_argument("content", help="JSON: title, introduction, body (StreamField)")

    def handle(self, content, **options):
        if BlogPage.objects.exists():
            return
        with open(content, encoding="utf-8") as f:
            article = json.load(f)
        root = Page.get_first_root_node()
        # Wagtail's first migration made a welcome page: the home page replaces it.
        for page in root.get_children():
            page.delete()
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "Baseline"},
        )
        body = list(article["body"])
        body.insert(2, {"type": "image", "value": photo("Spring on the grassland", 2).pk})
        home.add_child(
            instance=BlogPage(
                title=article["title"],
                slug="article",
                introduction=article["introduction"],
                header_image=photo("Wetland", 1),
                body=body,
                date_published=timezone.now().date(),
            )
        )
        self.stdout.write(f"{home.url}article/")
