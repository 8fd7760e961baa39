"""Demo content for `make run` (never used in production): the articles and videos in
three languages as JSON Lines, the drawings and subtitles made for them, and the videos."""

from pathlib import Path

DATA = Path(__file__).resolve().parent
