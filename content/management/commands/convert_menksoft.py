"""Convert a file of Menksoft-encoded Mongolian to Unicode (for old archives before import)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from content.exchange import menksoft


class Command(BaseCommand):
    help = (
        "Convert Menksoft private-use Mongolian in FILE (UTF-8 text or JSONL) to Unicode on stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        self.stdout.write(menksoft.to_unicode(text), ending="")
        unknown = sorted({f"U+{ord(c):04X}" for c in menksoft.unconvertible(text)})
        if unknown:
            sys.stderr.write(f"left unconverted (check by hand): {', '.join(unknown)}\n")
