"""책의 목차와 설정(검사들이 함께 씀)."""

from pathlib import Path
import re

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
PAGES = [TOC["root"]] + [c["file"] for c in TOC["chapters"]]
CHAPTERS = PAGES[1:]


def page_of(url: str) -> str:
    """'http://…/book/01_forward.html#x' → 'book/01_forward'"""
    return re.sub(r"^.*?/(book/[^/]+)\.html.*$", r"\1", url)
