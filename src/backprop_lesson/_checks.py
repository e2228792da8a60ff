"""입력 검사: 잘못된 입력을 일찍, 이름과 함께 알려 줍니다.

모든 공개 함수는 계산 전에 여기를 거칩니다. 오류 메시지에는 인자 이름,
기대한 모양(또는 값), 실제로 받은 모양(또는 값)이 들어갑니다.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np


def _shape_text(dims: tuple[str, ...], bound: dict[str, int]) -> str:
    shown = [str(bound.get(d, d)) for d in dims]
    return "(" + ", ".join(shown) + ("," if len(shown) == 1 else "") + ")"


def _all_finite(a: Any) -> bool:
    if hasattr(a, "isfinite"):  # torch.Tensor
        return bool(a.isfinite().all())
    return bool(np.isfinite(a).all())


def check_arrays(**specs: tuple[Any, str]) -> dict[str, int]:
    """배열들의 모양이 서로 맞는지, 값이 모두 유한한지 검사합니다.

    ``specs``는 ``이름=(배열, "n d")`` 꼴입니다. 글자로 적은 차원(n, d, h, k)은
    처음 만난 배열에서 값이 정해지고, 숫자로 적은 차원은 그 값이어야 합니다.
    정해진 차원 값들을 사전으로 돌려줍니다.
    """
    bound: dict[str, int] = {}
    for name, (a, spec) in specs.items():
        dims = tuple(spec.split())
        shape = getattr(a, "shape", None)
        if shape is None:
            raise TypeError(
                f"{name}: 배열(numpy.ndarray 또는 torch.Tensor)이어야 하는데 "
                f"{type(a).__name__}을(를) 받았습니다."
            )
        shape = tuple(int(s) for s in shape)
        ok = len(shape) == len(dims)
        if ok:
            for d, s in zip(dims, shape):
                want = int(d) if d.isdigit() else bound.get(d, s)
                if s != want or s == 0:
                    ok = False
                    break
        if not ok:
            raise ValueError(
                f"{name}: 모양이 {_shape_text(dims, bound)}이어야 하는데 "
                f"{shape}을(를) 받았습니다."
            )
        for d, s in zip(dims, shape):
            bound.setdefault(d, s)
        if not _all_finite(a):
            raise ValueError(f"{name}: 모든 값이 유한해야 하는데 NaN 또는 무한대가 들어 있습니다.")
    return bound


def check_positive(name: str, value: Any, integer: bool = False) -> None:
    """``value``가 양의 유한한 실수(``integer``면 양의 정수)인지 검사합니다."""
    kind = numbers.Integral if integer else numbers.Real
    is_number = isinstance(value, kind) and not isinstance(value, bool)
    if not is_number or not math.isfinite(value) or value <= 0:
        expected = "양의 정수" if integer else "양의 유한한 실수"
        raise ValueError(f"{name}: {expected}여야 하는데 {value!r}을(를) 받았습니다.")
