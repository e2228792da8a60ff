"""단계별 보기의 HTML: 그림(``figure.svg``), 단계마다 한 번 적은 글(스크립트가 없어도 읽히는 목록), 처음 값과
글의 틀(JSON), 그리고 틀 ``template.html``, ``stepper.css``, ``model.js``, ``stepper.js``. 모두 이 폴더의 패키지
데이터이고 ``importlib.resources``로 읽습니다.
``figure.svg``는 읽기 좋게 요소마다 한 줄이고, 넣을 때 줄바꿈을 뺍니다. ``${W1_0_0}`` 같은 자리에 처음 값이 들어갑니다.

스크립트(``model.js``)는 JSON의 처음 값(x, y, 파라미터, 학습률)과 ``narration.toml``의 글로 단계들을 브라우저에서
다시 계산합니다(``steps.py``와 같은 글과 숫자). 그래서 학습자가 숫자를 바꾸면 모든 단계가 새 숫자로 바뀝니다.

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
from .steps import TEXT, Step


def _item(st: Step) -> str:
    """목록의 한 단계(스크립트의 ``write``가 쓰는 것과 같은 모양)."""
    lines = "".join(f"<div>{html.escape(t)}</div>" for t in st.formula)
    many = " bp-many" if len(st.formula) > 4 else ""
    return (f'<li data-phase="{st.phase}"><p class="bp-title">{html.escape(st.title)}</p>'
            f'<div class="bp-formula{many}">{lines}</div><p class="bp-caption">{html.escape(st.caption)}</p></li>')


def _read(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8").strip()


def _data(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], lr: float) -> str:
    """스크립트가 읽는 JSON: 글의 틀(narration.toml)과 처음 값. float는 repr로 적혀 그대로 되읽힙니다.
    ``</``는 ``<\\/``로 적어 <script> 안에서 끝나지 않게 합니다."""
    W1, b1, W2, b2 = params
    start = {"x": x[0].tolist(), "y": float(y[0, 0]), "W1": W1.tolist(), "b1": b1[0].tolist(),
             "W2": W2[:, 0].tolist(), "b2": float(b2[0, 0]), "lr": float(lr)}
    text = json.dumps({"text": TEXT, "start": start}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/")


def page(steps: list[Step], x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], lr: float) -> str:
    """위젯 하나의 HTML(한 줄의 틀에 그림, 목록, JSON, CSS, JS를 채움). 책의 신경망: x (1, 3), W1 (3, 2), W2 (2, 1)."""
    W1, b1, W2, b2 = params
    start = {f"W1_{i}_{j}": fmt(W1[i, j]) for i in range(3) for j in range(2)}
    start |= {f"b1_{j}": fmt(b1[0, j]) for j in range(2)} | {f"W2_{j}": fmt(W2[j, 0]) for j in range(2)}
    start |= {f"x{i}": fmt(x[0, i]) for i in range(3)} | {"b2": fmt(b2[0, 0]), "y": fmt(y[0, 0])}
    svg = Template(_read("figure.svg").replace("\n", "")).substitute(start)
    return Template(_read("template.html")).substitute(
        css=_read("stepper.css"), model=_read("model.js"), js=_read("stepper.js"), svg=svg, n=len(steps),
        data=_data(x, y, params, lr), items="".join(_item(st) for st in steps))
