"""단계별 보기의 HTML: SVG 그림, 단계마다 한 번 적은 글(스크립트가 없어도 읽히는 목록), 그리고
이 폴더의 ``template.html``, ``stepper.css``, ``stepper.js``(패키지 데이터, ``importlib.resources``로 읽음).

스크립트는 목록의 각 단계(<li>)에서 글과 ``data-*``(강조할 곳, 그림에 새로 적을 글자)를 읽어 보여 줍니다.
그래서 단계의 글은 HTML에 한 번만 들어 있습니다.

CSS의 색은 currentColor에서 섞어 만들어 밝은·어두운 화면 어디서나 글자색을 따릅니다. 간선 위 글자의
테두리(halo)는 배경색이어야 하므로 책(pydata 테마)과 JupyterLab의 배경 변수를 쓰고, 없으면(Colab) 투명입니다.
pydata 테마는 어두운 화면에서 HTML 출력 칸을 밝은 상자(--pst-color-text-base)로 보여 줍니다.
"""

from __future__ import annotations

import html
import json
import re
from importlib.resources import files
from string import Template

import numpy as np

from .._format import fmt
from ..network import Params
from .steps import Step, _sub

_SUBSCRIPT = re.compile(r"_\{([^}]*)\}")


def _html(text: str) -> str:
    """'dz1_{1} = −0.6' → 'dz1<sub>1</sub> = −0.6'."""
    return _SUBSCRIPT.sub(r"<sub>\1</sub>", html.escape(text))


def _svg_text(text: str) -> str:
    """SVG <text> 안의 아래 첨자: 글자 크기를 줄이고 dy로 내렸다가 되돌립니다."""
    out, down = [], False
    for i, part in enumerate(_SUBSCRIPT.split(text)):
        sub = i % 2 == 1
        if not part:
            continue
        attrs = (f' dy="{".3em" if sub else "-.3em"}"' if sub != down else "") + (' font-size="75%"' if sub else "")
        out.append(f"<tspan{attrs}>{html.escape(part)}</tspan>")
        down = sub
    return "".join(out)


def _item(st: Step) -> str:
    """목록의 한 단계. 그림에 새로 적을 글자(``set``)는 SVG 조각으로 미리 바꿔 둡니다."""
    lines = "".join(f"<div>{_html(t)}</div>" for t in st.formula)
    many = " bp-many" if len(st.formula) > 4 else ""
    changes = json.dumps({k: _svg_text(v) for k, v in st.set.items()},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (f'<li data-phase="{st.phase}" data-focus="{" ".join(st.focus)}" data-set="{html.escape(changes)}">'
            f'<p class="bp-title">{_html(st.title)}</p><div class="bp-formula{many}">{lines}</div>'
            f'<p class="bp-caption">{_html(st.caption)}</p></li>')


def _read(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8").strip()


def page(steps: list[Step], x: np.ndarray, y: np.ndarray, params: Params[np.ndarray]) -> str:
    """위젯 하나의 HTML(한 줄의 틀에 그림, 목록, CSS, JS를 채움)."""
    return Template(_read("template.html")).substitute(
        css=_read("stepper.css"), js=_read("stepper.js"), svg=_svg(x, y, params), n=len(steps),
        items="".join(_item(st) for st in steps))


# ---------------------------------------------------------------- 그림(SVG)

_W, _H = 760, 300
_COL = {"x": 50, "z1": 270, "a1": 370, "z2": 520, "y_pred": 620, "L": 715}
_NW, _NH = 64, 40  # 노드 상자의 너비와 높이


def _rows(n: int, gap: float) -> list[float]:
    return [_H / 2 + (i - (n - 1) / 2) * gap for i in range(n)]


def _svg(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray]) -> str:
    W1, b1, W2, b2 = params
    d, h = W1.shape
    ys_in = _rows(d, 90 if d <= 3 else 70)
    ys_h = _rows(h, 130 if h <= 2 else 90)
    out: list[str] = []
    e = html.escape

    def line(key: str, x0: float, y0: float, x1: float, y1: float) -> None:
        out.append(f'<line data-edge="{key}" x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}"/>')

    def label(key: str, cx: float, cy: float, text: str, cls: str = "bp-lab") -> None:
        out.append(f'<text class="{cls}" data-label="{key}" x="{cx:g}" y="{cy:g}">{_svg_text(text)}</text>')

    def node(key: str, cx: float, cy: float, name: str, value: str = "") -> None:
        out.append(f'<g data-node="{key}"><rect x="{cx - _NW / 2:g}" y="{cy - _NH / 2:g}" '
                   f'width="{_NW}" height="{_NH}" rx="8"/>'
                   f'<text class="bp-name" x="{cx:g}" y="{cy - 5:g}">{_svg_text(name)}</text>'
                   f'<text class="bp-val" data-label="v:{key}" x="{cx:g}" y="{cy + 12:g}">'
                   f'{_svg_text(value)}</text></g>')

    def relu_edge(key: str, x0: float, x1: float, cy: float) -> None:
        out.append(f'<g data-edge="{key}"><line x1="{x0:g}" y1="{cy:g}" x2="{x1:g}" y2="{cy:g}"/>'
                   f'<text class="bp-relu" x="{(x0 + x1) / 2:g}" y="{cy - 5:g}">ReLU</text></g>')

    half = _NW / 2
    # 간선 먼저(노드 아래에 깔리도록)
    for i, yi in enumerate(ys_in):
        for j, yj in enumerate(ys_h):
            line(f"W1_{i + 1}_{j + 1}", _COL["x"] + half, yi, _COL["z1"] - half, yj)
    for j, yj in enumerate(ys_h):
        relu_edge(f"r1_{j + 1}", _COL["z1"] + half, _COL["a1"] - half, yj)
        line(f"W2_{j + 1}", _COL["a1"] + half, yj, _COL["z2"] - half, _H / 2)
    relu_edge("r2", _COL["z2"] + half, _COL["y_pred"] - half, _H / 2)
    line("yL", _COL["y_pred"] + half, _H / 2, _COL["L"] - half, _H / 2)
    # 간선의 글자: 첫 층은 간선이 엇갈리므로 시작 가까이(30%), 둘째 층은 가운데
    for i, yi in enumerate(ys_in):
        for j, yj in enumerate(ys_h):
            x0, x1 = _COL["x"] + half, _COL["z1"] - half
            label(f"e:W1_{i + 1}_{j + 1}", x0 + 0.3 * (x1 - x0), yi + 0.3 * (yj - yi) - 3, fmt(W1[i, j]))
    for j, yj in enumerate(ys_h):
        x0, x1 = _COL["a1"] + half, _COL["z2"] - half
        label(f"e:W2_{j + 1}", (x0 + x1) / 2, (yj + _H / 2) / 2 - 3, fmt(W2[j, 0]))
    # 노드와 편향, 기울기 자리(처음엔 비어 있음)
    for i, yi in enumerate(ys_in):
        node(f"x{i + 1}", _COL["x"], yi, _sub("x", i + 1), fmt(x[0, i]))
    for j, yj in enumerate(ys_h):
        J = j + 1
        node(f"z1_{J}", _COL["z1"], yj, _sub("z1", J))
        node(f"a1_{J}", _COL["a1"], yj, _sub("a1", J))
        out.append(f'<g data-edge="b1_{J}">')
        label(f"e:b1_{J}", _COL["z1"], yj - _NH / 2 - 6, f"{_sub('b1', J)} = {fmt(b1[0, j])}", "bp-lab bp-bias")
        out.append("</g>")
        label(f"g:z1_{J}", _COL["z1"], yj + _NH / 2 + 14, "", "bp-grad")
        label(f"g:a1_{J}", _COL["a1"], yj + _NH / 2 + 14, "", "bp-grad")
    mid = _H / 2
    node("z2", _COL["z2"], mid, "z2")
    out.append('<g data-edge="b2">')
    label("e:b2", _COL["z2"], mid - _NH / 2 - 6, f"b2 = {fmt(b2[0, 0])}", "bp-lab bp-bias")
    out.append("</g>")
    label("g:z2", _COL["z2"], mid + _NH / 2 + 14, "", "bp-grad")
    node("y_pred", _COL["y_pred"], mid, "ŷ")
    label("g:y_pred", _COL["y_pred"], mid + _NH / 2 + 14, "", "bp-grad")
    node("L", _COL["L"], mid, "L")
    label("y", _COL["L"], mid + _NH / 2 + 14, f"정답 y = {fmt(y[0, 0])}")
    desc = (f"신경망의 계산 그래프: 입력 {d}개, ReLU 은닉 유닛 {h}개(가중합 z1과 ReLU 값 a1), 출력 z2와 예측 ŷ, "
            "손실 L. 지금 단계의 노드와 간선이 강조되고, 계산한 값과 기울기가 노드와 간선에 적힙니다.")
    return (f'<svg class="bp-svg" viewBox="0 20 {_W} {_H - 35}" role="img" aria-label="{e(desc)}">'
                  f"<title>{e(desc)}</title>" + "".join(out) + "</svg>")
