from .audio import Narration
from .images import KepuImage, KepuRendition
from .video import Subtitle, Video

__all__ = ["KepuImage", "KepuRendition", "Narration", "Subtitle", "Video"]
