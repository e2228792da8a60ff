"""단계별 보기의 HTML: 그림(``figure.svg``), 단계마다 한 번 적은 글(스크립트가 없어도 읽히는 목록), 그리고
틀 ``template.html``, ``stepper.css``, ``stepper.js``. 모두 이 폴더의 패키지 데이터이고
``importlib.resources``로 읽습니다.
``figure.svg``는 읽기 좋게 요소마다 한 줄이고, 넣을 때 줄바꿈을 뺍니다. ``${W1_0_0}`` 같은 자리에 처음 값이 들어갑니다.

스크립트는 목록의 각 단계(<li>)에서 글과 ``data-*``(강조할 곳, 그림에 새로 적을 글자)를 읽어 보여 줍니다.
그래서 단계의 글은 HTML에 한 번만 들어 있습니다.

CSS의 색은 currentColor에서 섞어 만들어 밝은·어두운 화면 어디서나 글자색을 따릅니다. 간선 위 글자의
테두리(halo)는 배경색이어야 하므로 책(pydata 테마)과 JupyterLab의 배경 변수를 쓰고, 없으면(Colab) 투명입니다.
pydata 테마는 어두운 화면에서 HTML 출력 칸을 밝은 상자(--pst-color-text-base)로 보여 줍니다.
"""

from __future__ import annotations

import html
import json
from importlib.resources import files
from string import Template

import numpy as np

from .._format import fmt
from ..network import Params
from .steps import Step


def _svg_text(text: str) -> str:
    """그림 글자(<text>) 안에 넣는 SVG 조각."""
    return f"<tspan>{html.escape(text)}</tspan>"


def _item(st: Step) -> str:
    """목록의 한 단계. 그림에 새로 적을 글자(``set``)는 SVG 조각으로 미리 바꿔 둡니다."""
    lines = "".join(f"<div>{html.escape(t)}</div>" for t in st.formula)
    many = " bp-many" if len(st.formula) > 4 else ""
    changes = json.dumps({k: _svg_text(v) for k, v in st.set.items()},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (f'<li data-phase="{st.phase}" data-focus="{" ".join(st.focus)}" data-set="{html.escape(changes)}">'
            f'<p class="bp-title">{html.escape(st.title)}</p><div class="bp-formula{many}">{lines}</div>'
            f'<p class="bp-caption">{html.escape(st.caption)}</p></li>')


def _read(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8").strip()


def page(steps: list[Step], x: np.ndarray, y: np.ndarray, params: Params[np.ndarray]) -> str:
    """위젯 하나의 HTML(한 줄의 틀에 그림, 목록, CSS, JS를 채움). 책의 신경망: x (1, 3), W1 (3, 2), W2 (2, 1)."""
    W1, b1, W2, b2 = params
    start = {f"W1_{i}_{j}": fmt(W1[i, j]) for i in range(3) for j in range(2)}
    start |= {f"b1_{j}": fmt(b1[0, j]) for j in range(2)} | {f"W2_{j}": fmt(W2[j, 0]) for j in range(2)}
    start |= {f"x{i}": fmt(x[0, i]) for i in range(3)} | {"b2": fmt(b2[0, 0]), "y": fmt(y[0, 0])}
    svg = Template(_read("figure.svg").replace("\n", "")).substitute(start)
    return Template(_read("template.html")).substitute(
        css=_read("stepper.css"), js=_read("stepper.js"), svg=svg, n=len(steps),
        items="".join(_item(st) for st in steps))
