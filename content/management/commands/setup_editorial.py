from django.core.management.base import BaseCommand

from content.editorial.teams import setup_editorial
from content.site_setup import setup_site


class Command(BaseCommand):
    help = "Create or repair the editorial groups, permissions, media collections and review workflows."

    def handle(self, *args, **options):
        setup_site()
        setup_editorial()
        self.stdout.write("Editorial groups, permissions and workflows are in place.")
