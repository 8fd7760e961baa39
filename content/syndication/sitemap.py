"""/sitemap.xml: every live, public page in every language (Wagtail's sitemap lists only
the default site's tree, which is the Chinese one; ours has a home page per language)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from content.restrictions import public
from content.tree import HOME_DEPTH


class PagesSitemap(Sitemap):
    def items(self):
        # Depth 2 and below: the language home pages and everything under them.
        return (
            public(Page.objects.filter(depth__gte=HOME_DEPTH).live())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
