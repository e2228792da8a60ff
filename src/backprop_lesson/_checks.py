"""입구의 검사: 학습자가 부르는 공개 함수에서만, 계산 전에 한 번 검사합니다.

안쪽의 계산(순전파, 역전파, 갱신)은 책의 식 그대로 읽히도록 검사를 넣지 않습니다.
공개 함수는 ``@checked(x="n d", ...)``로 입구에서 배열의 모양과 값을 검사하고,
학습 루프는 한 번 검사한 뒤 검사 없는 원래 함수(``unchecked(f)``)를 되풀이해 부릅니다.
오류 메시지에는 인자 이름, 기대한 모양(또는 값), 실제로 받은 것이 들어갑니다.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])

POSITIVE = "+real"
"""``checked``의 특별한 규격: 양의 유한한 실수(학습률 lr 등)."""


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


def check_seed(seed: Any) -> None:
    """``seed``가 0 이상의 정수인지 검사합니다."""
    if not isinstance(seed, numbers.Integral) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed: 0 이상의 정수여야 하는데 {seed!r}을(를) 받았습니다.")


def check_choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    """``value``가 ``choices`` 가운데 하나인지 검사합니다."""
    if value not in choices:
        raise ValueError(f"{name}: {' 또는 '.join(map(repr, choices))}이어야 하는데 {value!r}을(를) 받았습니다.")


def check_same_dtype(**arrays: Any) -> None:
    """배열들의 자료형이 첫 배열과 같은지 검사합니다(섞이면 numpy가 조용히 float64로 올립니다)."""
    first_name, first = next(iter(arrays.items()))
    for name, a in arrays.items():
        if a.dtype != first.dtype:
            raise ValueError(f"{name}: 자료형이 {first_name}과 같은 {first.dtype}이어야 하는데 "
                             f"{a.dtype}을(를) 받았습니다.")


def checked(**specs: str | tuple[str, ...]) -> Callable[[F], F]:
    """공개 함수의 입구에서 인자를 검사하는 장식자.

    ``@checked(x="n d", W1="d h", lr=POSITIVE, output=("relu", "sigmoid"))``: 모양, 양수, 고를 수 있는 값.
    ``"cache.z1"``처럼 점을 찍어
    이름 있는 튜플의 필드도 검사합니다. 검사 없는 원래 함수는 ``unchecked(f)``로 얻습니다.
    """
    def decorate(f: F) -> F:
        signature = inspect.signature(f)

        @functools.wraps(f)
        def at_the_door(*args: Any, **kwargs: Any) -> Any:
            given = signature.bind(*args, **kwargs)
            given.apply_defaults()
            arrays = {}
            for name, spec in specs.items():
                head, _, field = name.partition(".")
                value = given.arguments[head]
                if field:
                    value = getattr(value, field)
                if isinstance(spec, tuple):
                    check_choice(name, value, spec)
                elif spec == POSITIVE:
                    check_positive(name, value)
                else:
                    arrays[name] = (value, spec)
            check_arrays(**arrays)
            return f(*args, **kwargs)

        return cast(F, at_the_door)

    return decorate


def unchecked(f: F) -> F:
    """``@checked``로 감싼 함수의 검사 없는 원래 함수(학습 루프처럼 한 번 검사한 뒤 되풀이할 때)."""
    wrapped: Any = f
    return cast(F, wrapped.__wrapped__)
