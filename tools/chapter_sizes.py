"""장마다의 분량: 글(어절 수)과 보이는 코드(글자 수). 첫 읽기에 알맞은 한 장의 크기를 재려고.

    .venv/bin/python tools/chapter_sizes.py        # _toc.yml의 노트북 장마다 한 줄

- 어절: 마크다운 셀의 글을 빈칸으로 나눈 덩어리. 코드 블록(```), 수식($…$, $$…$$),
  MyST의 틀(``:::``, ``:class:``,
  ``(label)=``)과 접힌 풀이(``:class: dropdown`` 상자 안)는 빼고, 한글이나 영문자가 있는 덩어리만 셉니다.
- 보이는 코드: 코드 셀의 글자 수. 첫 코드 셀(접힌 준비 셀)과 ``hide-cell``/``hide-input``/``remove-*`` 태그 셀은 뺍니다.

기준(이슈의 목표): 어절 ~1,100, 보이는 코드 ~6,000자.
이 도구는 재기만 하고, 기준은 tests/test_notebooks.py가 확인합니다.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_check import ROOT, pages  # noqa: E402

PROSE_LIMIT, CODE_LIMIT = 1100, 6000
TOLERANCE = 1.05  # 이슈의 기준은 "~1,100", "~6,000": 5%까지는 그 안으로 봅니다
HIDDEN = {"hide-cell", "hide-input", "remove-cell", "remove-input"}
_DROPDOWN = re.compile(r"^:::\{admonition\}[^\n]*\n:class: dropdown\n.*?^:::$", re.S | re.M)
_STRIP = [re.compile(r"\$\$.*?\$\$", re.S)]  # 수식 블록(여러 줄)
_STRIP += [re.compile(p, re.M) for p in (r"\$[^$\n]+\$", r"^\(.*?\)=$", r"^:::.*$", r"^:class:.*$")]
_WORD = re.compile(r"[가-힣A-Za-z]")


def _without_code_blocks(text: str) -> str:
    """```python … ``` 같은 코드 블록은 빼고, ```{admonition} … ``` 같은 MyST 틀은 줄만 빼고 안의 글은 둡니다."""
    kept, fence = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if fence is None:
                fence = "directive" if line.startswith("```{") else "code"
            elif line.strip() == "```":
                fence = None
            continue
        if fence != "code":
            kept.append(line)
    return "\n".join(kept)


def prose_words(markdown: str) -> int:
    """마크다운 글의 어절 수(코드, 수식, 틀, 접힌 풀이 빼고)."""
    text = _DROPDOWN.sub(" ", _without_code_blocks(markdown))
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return sum(1 for token in text.split() if _WORD.search(token))


def sizes(page: str) -> tuple[int, int]:
    """(어절 수, 보이는 코드 글자 수). page는 'book/02_backprop_manual'처럼 _toc.yml의 이름."""
    cells = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    words = sum(prose_words("".join(c["source"])) for c in cells if c["cell_type"] == "markdown")
    shown = sum(len("".join(c["source"])) for c in code[1:]
                if not HIDDEN & set(c.get("metadata", {}).get("tags", [])))
    return words, shown


def chapters() -> list[str]:
    return [p for p in pages() if (ROOT / f"{p}.ipynb").is_file()]


def main() -> int:
    print(f"{'장':34} {'어절':>6} {'보이는 코드(자)':>16}")
    for page in chapters():
        words, shown = sizes(page)
        flag = " 넘음" if words > PROSE_LIMIT * TOLERANCE or shown > CODE_LIMIT * TOLERANCE else ""
        print(f"{page:34} {words:6} {shown:16}{flag}")
    print(f"(기준: 어절 ~{PROSE_LIMIT}, 보이는 코드 ~{CODE_LIMIT}자; {TOLERANCE:.0%}까지)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
