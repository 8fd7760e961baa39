from django.core.management.base import BaseCommand

from content.site_identity import ensure_info_pages
from content.site_setup import setup_site


class Command(BaseCommand):
    help = (
        "Create the languages, channel topics, home and channel pages, glossary, and the "
        "about page and privacy notice linked from the footer, where missing. Idempotent."
    )

    def handle(self, *args, **options):
        homes = setup_site()
        self.stdout.write(f"Site ready: {', '.join('/' + code + '/' for code in homes)}")
        identity = ensure_info_pages()
        self.stdout.write(
            f"Footer links: {identity.about_page.url} {identity.privacy_page.url}; set the "
            "sponsor, operator, contact and filing numbers in the admin (设置 → 网站标识与备案)."
        )
