from django.core.management.base import BaseCommand

from content.site_setup import setup_site


class Command(BaseCommand):
    help = "Create the languages, channel topics, home and channel pages and glossary if missing."

    def handle(self, *args, **options):
        homes = setup_site()
        self.stdout.write(f"Site ready: {', '.join('/' + code + '/' for code in homes)}")
