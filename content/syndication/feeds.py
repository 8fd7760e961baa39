"""RSS 2.0, Atom and JSON Feed 1.1 for each language and each language × channel,
built on Django's syndication framework. /feeds/<lang>/rss.xml, atom.xml, feed.json;
/feeds/<lang>/<channel>/… for one channel."""

import json

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.public_url import absolute

from . import items as data


class JSONFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "items": [self._item(item) for item in self.items],
        }
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=1).encode(encoding))

    def _item(self, item):
        out = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "summary": item.get("summary", ""),
            "language": self.feed["language"],
            "tags": item["categories"] or [],
        }
        if item.get("image"):
            out["image"] = item["image"]
        if item["pubdate"]:
            out["date_published"] = item["pubdate"].isoformat()
        if item["updateddate"]:
            out["date_modified"] = item["updateddate"].isoformat()
        if item["enclosures"]:
            out["attachments"] = [
                {"url": e.url, "mime_type": e.mime_type, "size_in_bytes": int(e.length)}
                for e in item["enclosures"]
            ]
        return out


class PageFeed(Feed):
    feed_type = feedgenerator.Rss201rev2Feed

    def get_object(self, request, lang, channel=None):
        parent = data.scope(lang, channel)
        if parent is None:
            raise Http404("no such language or channel")
        data.activate(lang)
        return parent

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django would put the request's Host before the feed's own address; every
        # address in a feed comes from the site's public address instead (feeds are
        # read on other sites, and cached for every Host).
        feed.feed["feed_url"] = absolute(request.path)
        # BCP 47 tags (zh-Hans, bo, mn-Mong) for <language>, xml:lang and "language".
        feed.feed["language"] = data.languages.get(obj.locale.language_code).html_lang
        return feed

    def title(self, obj):
        site = _("Qinghai Kepu")
        return f"{data.clean(obj.title)} · {site}" if hasattr(obj, "topic") else site

    def link(self, obj):
        return obj.full_url

    def description(self, obj):
        topic = getattr(obj, "topic", None)
        text = topic.description if topic is not None else getattr(obj, "intro", "")
        return data.clean(text) or _(
            "Qinghai Kepu: popular science for Qinghai's farming and pastoral areas."
        )

    def items(self, obj):
        return data.items(obj)

    def item_title(self, item):
        return data.clean(item.title)

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_description(self, item):
        picture = data.picture(item)
        html = ""
        if picture is not None:
            alt = escape(data.clean(item.lead_image.alt_text))
            html += f'<p><img src="{escape(absolute(picture.url))}" width="{picture.width}" height="{picture.height}" alt="{alt}"></p>'
        return html + f"<p>{escape(data.clean(item.summary))}</p>"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [data.clean(item.channel.title)] if item.channel else []

    def item_enclosures(self, item):
        media = data.media_file(item)
        if media is None:
            return []
        url, size, mime = media
        return [feedgenerator.Enclosure(absolute(url), str(size), mime)]

    def item_extra_kwargs(self, item):
        picture = data.picture(item)
        return {
            "summary": data.clean(item.summary),
            "image": absolute(picture.url) if picture is not None else "",
        }


class AtomFeed(PageFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = PageFeed.description


class JSONPageFeed(PageFeed):
    feed_type = JSONFeed
