"""Make the demo videos: each video page's illustration, slowly zoomed, silent, as a
small H.264 MP4 as long as the page says. Run once by a developer with ffmpeg
(`python content/demo/make_videos.py`); the results are committed, so `make run`
needs no ffmpeg. The project owns these pictures (content/demo/images.py)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from content.demo.images import illustration  # noqa: E402

MAX_SECONDS = 120


def main():
    for path in sorted(HERE.glob("*.jsonl")):
        for item in map(json.loads, filter(str.strip, path.read_text("utf-8").splitlines())):
            if item.get("type") != "video" or item["locale"] != "zh-hans":
                continue
            out = HERE / "videos" / f"{item['slug']}.mp4"
            seconds = min(item.get("duration") or 60, MAX_SECONDS)
            with tempfile.NamedTemporaryFile(suffix=".png") as picture:
                picture.write(illustration(item["channel"], item["slug"]))
                picture.flush()
                subprocess.run(
                    ["ffmpeg", "-y", "-loglevel", "error", "-loop", "1", "-i", picture.name, "-t", str(seconds),
                     "-vf", "scale=640:360,zoompan=z='min(zoom+0.0006,1.15)':d=1:s=640x360:fps=15,format=yuv420p",
                     "-c:v", "libx264", "-preset", "veryslow", "-crf", "32", "-tune", "stillimage",
                     "-movflags", "+faststart", "-an", str(out)],
                    check=True,
                )  # fmt: skip
            print(f"{out.name}: {seconds} s, {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
