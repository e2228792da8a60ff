"""입구의 검사: 학습자가 부르는 공개 함수가 계산 전에 한 번 부르는 보통 함수들.

공개 함수는 ``check_params(...)``, ``check_array(...)``처럼 여기의 함수를 차례로 부른 뒤
검사 없는 본문(``network._forward`` 등)을 부릅니다. 학습 루프 같은 안쪽 반복은 본문만 부릅니다.
오류 메시지에는 언제나 인자 이름, 기대한 것, 실제로 받은 것이 들어갑니다.

정한 것(모든 공개 함수에 같음):

- numpy 판은 ``np.ndarray``, PyTorch 판은 ``torch.Tensor``만 받습니다. 리스트나 다른 쪽의 배열은
  바꾸지 않고 거절합니다(어느 함수를 써야 하는지 알려 줍니다).
- 자료형은 float32 또는 float64. 정수·bool·복소수 배열은 거절합니다(정수로는 기울기를 잴 수 없고,
  복소수는 책의 계산이 아닙니다). 한 번의 호출에 든 배열은 모두 같은 자료형이어야 합니다
  (섞으면 numpy가 조용히 float64로 올려 float32로 계산한다고 믿게 됩니다).
- 모든 값은 유한해야 합니다(NaN, 무한대는 거절).
- 파라미터 네 개(W1, b1, W2, b2)는 ``Params``든 보통 튜플이든 리스트든 받습니다. 모양은 ``SHAPES`` 한 곳에 있습니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

Shape = tuple[int | str, ...]

SHAPES: dict[str, Shape] = {"W1": ("d", "h"), "b1": (1, "h"), "W2": ("h", "k"), "b2": (1, "k")}
"""파라미터의 모양(이 패키지에서 유일하게 적는 곳). 기울기 dW1 … db2도 같은 모양입니다."""

CACHE_SHAPES: dict[str, Shape] = {"x": ("n", "d"), "z1": ("n", "h"), "a1": ("n", "h"),
                                  "z2": ("n", "k"), "y_pred": ("n", "k")}
"""순전파 캐시의 모양."""

FLOATS = ("float32", "float64")

class Dims(dict[str, int]):
    """글자로 적은 차원(n, d, h, k)의 값. 처음 만난 배열이 정하고, 어느 인자가 정했는지도 기억합니다(오류 글에)."""

    def __init__(self, **known: int) -> None:
        super().__init__(known)
        self.origin: dict[str, str] = {}


def _kind(a: Any) -> str:
    """오류 메시지에 쓰는 '받은 것'의 이름."""
    if type(a).__module__.startswith("torch"):
        return f"torch.{type(a).__name__}"
    return "numpy.ndarray" if isinstance(a, np.ndarray) else type(a).__name__


def _shape_text(shape: Sequence[int | str], dims: Dims) -> str:
    shown = [str(dims.get(d, d)) if isinstance(d, str) else str(d) for d in shape]
    return "(" + ", ".join(shown) + ("," if len(shown) == 1 else "") + ")"


def check_array(name: str, a: Any, shape: Sequence[int | str], dims: Dims, *,
                torch: bool = False, dtype: Any = None) -> Any:
    """배열 하나를 검사하고 그 자료형을 돌려줍니다.

    ``shape``는 ``("n", "d")``처럼 글자(차원 이름)나 숫자. 글자 차원은 ``dims``에 없으면 이 배열이 정합니다.
    ``torch``: 텐서를 받는 함수면 True. ``dtype``: 앞서 검사한 배열의 자료형(같아야 함).
    """
    want = "torch.Tensor" if torch else "numpy 배열(np.ndarray)"
    if torch:
        import torch as th  # 텐서를 받는 함수에서만

        ok_type = isinstance(a, th.Tensor)
    else:
        ok_type = isinstance(a, np.ndarray)
    if not ok_type:
        hint = ""
        if not torch and _kind(a) == "torch.Tensor":
            hint = " 텐서는 backprop_lesson.network_torch의 같은 이름 함수에 넘기세요."
        elif torch and isinstance(a, np.ndarray):
            hint = " numpy 배열은 backprop_lesson의 같은 이름 함수에 넘기거나 to_torch로 바꾸세요."
        elif isinstance(a, (list, tuple, numbers.Number)):
            hint = " np.array(...)로 만드세요." if not torch else " torch.tensor(...)로 만드세요."
        raise TypeError(f"{name}: {want}이어야 하는데 {_kind(a)}을(를) 받았습니다.{hint}")
    kind = str(a.dtype).removeprefix("torch.")
    if kind not in FLOATS:
        raise TypeError(f"{name}: 실수 배열(float32 또는 float64)이어야 하는데 자료형이 {kind}인 배열을 받았습니다."
                        + (" .astype(np.float64)로 바꾸세요." if not torch else " .double()로 바꾸세요."))
    if dtype is not None and a.dtype != dtype:
        raise TypeError(f"{name}: 자료형이 앞의 인자들과 같은 {str(dtype).removeprefix('torch.')}이어야 하는데 "
                        f"{kind}을(를) 받았습니다(섞으면 조용히 float64로 계산됩니다).")
    got = tuple(int(s) for s in a.shape)
    ok = len(got) == len(shape)
    for d, s in zip(shape, got):
        expected = d if isinstance(d, int) else dims.get(d, s)
        ok = ok and s == expected and s > 0
    if not ok:
        why = [f"{d} = {dims[d]}: {dims.origin[d]}에서" for d in shape if isinstance(d, str) and d in dims.origin]
        raise ValueError(f"{name}: 모양이 {_shape_text(shape, dims)}이어야 하는데 {got}을(를) 받았습니다"
                         + (f"({', '.join(why)})." if why else "."))
    for d, s in zip(shape, got):
        if isinstance(d, str) and d not in dims:
            dims[d] = s
            dims.origin[d] = f"{name}의 모양 {got}"
    finite = bool(a.isfinite().all()) if torch else bool(np.isfinite(a).all())
    if not finite:
        raise ValueError(f"{name}: 모든 값이 유한해야 하는데 NaN 또는 무한대가 들어 있습니다.")
    return a.dtype


def as_four(name: str, value: Any, fields: Sequence[str], kind: type) -> Any:
    """(W1, b1, W2, b2) 같은 네 배열을 ``kind``(``Params`` 또는 ``Grads``)로. 튜플이나 리스트도 받습니다."""
    other = {"Params": "Grads", "Grads": "Params"}.get(kind.__name__)
    if type(value).__name__ == other or not isinstance(value, (tuple, list)) or len(value) != len(fields):
        what = f"{len(value)}개짜리 {type(value).__name__}" if isinstance(value, (tuple, list)) else _kind(value)
        hint = " 예제에서는 ex.params를 쓰세요." if type(value).__name__ == "Example" else ""
        raise TypeError(f"{name}: ({', '.join(fields)}) 네 배열의 {kind.__name__}(또는 튜플)여야 하는데 "
                        f"{what}을(를) 받았습니다.{hint}")
    return kind(*value)


def check_params(names: Sequence[str], arrays: Sequence[Any], dims: Dims, *,
                 torch: bool = False, dtype: Any = None, prefix: str = "") -> Any:
    """파라미터(또는 같은 모양의 기울기) 네 배열을 ``SHAPES``대로 검사하고 자료형을 돌려줍니다.

    ``names``는 오류에 쓸 이름(``"W1"``, ``"grads.dW1"`` …), 순서는 W1, b1, W2, b2.
    """
    for shape, name, a in zip(SHAPES.values(), names, arrays):
        dtype = check_array(prefix + name, a, shape, dims, torch=torch, dtype=dtype)
    return dtype


def check_cache(name: str, cache: Any, cache_type: Any, dims: Dims, *, torch: bool = False,
                dtype: Any = None) -> Any:
    """``forward``가 돌려준 캐시인지(다섯 배열 모두, ``CACHE_SHAPES``대로) 검사하고 자료형을 돌려줍니다."""
    if not isinstance(cache, cache_type):
        raise TypeError(f"{name}: forward가 돌려준 Cache여야 하는데 {_kind(cache)}을(를) 받았습니다.")
    for (field, shape), a in zip(CACHE_SHAPES.items(), cache):
        dtype = check_array(f"{name}.{field}", a, shape, dims, torch=torch, dtype=dtype)
    return dtype


def check_number(name: str, value: Any, *, integer: bool = False, low: float = 0.0,
                 low_ok: bool = False, high: float = math.inf) -> None:
    """``value``가 (``integer``면 정수인) 유한한 실수이고 low < value < high인지(``low_ok``면 low ≤) 검사합니다.

    bool은 숫자로 치지 않습니다(True를 학습률 1로 읽지 않도록). numpy의 스칼라(np.float64 등)는 받습니다.
    """
    kind = numbers.Integral if integer else numbers.Real
    ok = isinstance(value, kind) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and (value >= low if low_ok else value > low) and value < high
    if not ok:
        what = "정수" if integer else "유한한 실수" if high == math.inf else "실수"
        if high < math.inf:
            where = f"{low:g}과 {high:g} 사이의"
        else:
            where = f"{low:g} 이상의" if low_ok else "양의" if low == 0 else f"{low:g}보다 큰"
        raise ValueError(f"{name}: {where} {what}여야 하는데 {value!r}을(를) 받았습니다.")


def check_positive(name: str, value: Any, integer: bool = False) -> None:
    """양의 유한한 실수(``integer``면 양의 정수)."""
    check_number(name, value, integer=integer)


def check_seed(seed: Any) -> None:
    """0 이상의 정수."""
    check_number("seed", seed, integer=True, low_ok=True)


def check_choice(name: str, value: Any, choices: Sequence[str]) -> None:
    """``value``가 ``choices`` 가운데 하나인지."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name}: {' 또는 '.join(map(repr, choices))}이어야 하는데 {value!r}을(를) 받았습니다.")
