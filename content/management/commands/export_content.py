from django.core.management.base import BaseCommand, CommandError

from cms import languages
from content.exchange.exporting import export_lines


class Command(BaseCommand):
    help = "Write every article and video as JSON Lines to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--locale", choices=languages.CODES, help="Only this language.")

    def handle(self, locale=None, **options):
        if locale and locale not in languages.CODES:
            raise CommandError(f"Unknown locale {locale!r}")
        for line in export_lines(locale):
            self.stdout.write(line)
