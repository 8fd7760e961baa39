from .editorial import ReviewTask, TranslationRecord
from .identity import InfoPage, SiteIdentity
from .pages import ArticlePage, ChannelPage, ContentPage, HomePage, VideoPage, public_items
from .snippets import GlossaryTerm, Partner, Topic

__all__ = [
    "ArticlePage",
    "ChannelPage",
    "ContentPage",
    "GlossaryTerm",
    "HomePage",
    "InfoPage",
    "Partner",
    "SiteIdentity",
    "Topic",
    "VideoPage",
    "public_items",
    "ReviewTask",
    "TranslationRecord",
]
