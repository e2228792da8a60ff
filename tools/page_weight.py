"""빌드한 책의 장 페이지마다 무게(HTML + 그 페이지의 그림)를 잽니다. 테마가 함께 쓰는 파일은 뺍니다.

    python tools/page_weight.py            # _build/html 기준, 표로 출력

목표: 장 페이지 하나가 300 KB 미만.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_KB = 300


def page_weights(html_dir: Path = ROOT / "_build" / "html") -> dict[str, int]:
    """'book/01_forward' → 바이트 수 (HTML 파일 + 그 페이지가 보여 주는 _images/의 그림)."""
    weights = {}
    for page in sorted((html_dir / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        images = set(re.findall(r'<img[^>]+src="\.\./(_images/[^"]+)"', html))
        weights[f"book/{page.stem}"] = page.stat().st_size + sum(
            (html_dir / img).stat().st_size for img in images)
    return weights


if __name__ == "__main__":
    for name, size in page_weights().items():
        print(f"{name:28} {size / 1024:7.1f} KB  (목표 < {LIMIT_KB} KB)")
    sys.exit(0)
