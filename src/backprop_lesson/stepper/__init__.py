"""역전파 단계별 보기: 책의 신경망을 노드 하나씩, 순전파 → 역전파 → 갱신 순서로 넘겨 봅니다.

``backprop_stepper(x, y, params, lr)``는 부르는 그 순간 패키지의 ``forward``, ``backward``,
``sgd_step``으로 모든 숫자를 계산하고(``steps``, 글은 ``narration.toml``), 그 단계들을 적은 HTML 하나를
돌려줍니다(``page``). 스크립트가 도는 곳에서는 그 HTML이 놀이터가 됩니다: 학습자가 숫자를 바꾸면 ``model.js``가
같은 식과 같은 글로 모든 단계를 다시 계산하고, 기울기를 먼저 예측해 보거나 여러 에폭을 학습시켜
손실 곡선을 볼 수 있습니다.
HTML은 이 폴더의 ``figure.svg``, ``stepper.css``, ``model.js``, ``stepper.js``를 안에 담아
바깥 파일이나 CDN이 필요 없으므로 커널 없는 정적 책, JupyterLab, Colab의 출력 칸에서 똑같이 돌아갑니다.
같은 입력이면 출력은 바이트까지 같습니다.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import SHAPES, Dims, as_four, check_array, check_params, check_positive
from ..data import LR
from ..network import Params
from .page import page
from .steps import Step, build_steps

__all__ = ["Step", "Stepper", "backprop_stepper"]


class Stepper:
    """단계들과 그 HTML. 노트북 셀의 마지막 줄에 두면 HTML로 보입니다(``_repr_html_``).

    ``steps``: ``Step``들. ``values``: 보여 주는 모든 숫자의 float 값(검사용; HTML에는 들어가지 않습니다).
    """

    def __init__(self, steps: list[Step], values: dict[str, float], html: str) -> None:
        self.steps = steps
        self.values = values
        self._html = html

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return (f"<역전파 단계별 보기: {len(self.steps)}단계(순전파, 역전파, 갱신). "
                "HTML을 보여 주는 곳(책, Jupyter, Colab)에서 단추로 넘겨 봅니다.>")


def backprop_stepper(x: np.ndarray, y: np.ndarray, params: Any, lr: float = LR) -> Stepper:
    """책의 신경망을 한 노드씩 넘겨 보는 위젯을 만듭니다.

    x (1, 3) · y (1, 1) · params = (W1 (3, 2), b1 (1, 2), W2 (2, 1), b2 (1, 1)), 같은 자료형의 numpy 배열 · lr > 0.
    그림(``figure.svg``)은 책의 신경망 하나입니다: 샘플 하나, 입력 3개, 은닉 유닛 2개, 출력 하나.
    """
    params = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims(d=3, h=2, k=1)
    dims.origin = dict.fromkeys(dims, "단계별 보기가 그리는 책의 신경망")
    dtype = check_params(tuple(SHAPES), params, dims, prefix="params.")
    check_array("x", x, (1, "d"), dims, dtype=dtype)
    check_array("y", y, (1, 1), dims, dtype=dtype)
    check_positive("lr", lr)
    steps, values = build_steps(x, y, params, float(lr))
    return Stepper(steps, values, page(steps, x, y, params, float(lr)))
