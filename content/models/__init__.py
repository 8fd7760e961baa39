from .editorial import ReviewTask, TranslationRecord
from .pages import ArticlePage, ChannelPage, ContentPage, HomePage, VideoPage, public_items
from .snippets import GlossaryTerm, Topic

__all__ = [
    "ArticlePage",
    "ChannelPage",
    "ContentPage",
    "GlossaryTerm",
    "HomePage",
    "Topic",
    "VideoPage",
    "public_items",
    "ReviewTask",
    "TranslationRecord",
]
