from .editorial import ReviewTask, TranslationRecord
from .pages import ArticlePage, ChannelPage, ContentPage, HomePage, VideoPage, public_items
from .snippets import GlossaryTerm, Partner, Topic

__all__ = [
    "ArticlePage",
    "ChannelPage",
    "ContentPage",
    "GlossaryTerm",
    "HomePage",
    "Partner",
    "Topic",
    "VideoPage",
    "public_items",
    "ReviewTask",
    "TranslationRecord",
]
