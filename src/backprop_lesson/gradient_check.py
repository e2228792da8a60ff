"""기울기 검사: 직접 미분한 기울기를 중앙 차분으로 잰 기울기와 비교합니다.

중앙 차분  ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / (2ε)  는 느리지만 미분 공식을 쓰지 않으므로
역전파 코드의 실수를 잡아내는 독립적인 잣대가 됩니다.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import network
from ._checks import Dims, as_four, check_array, check_choice, check_number
from .network import GRAD_NAMES, OUTPUTS, Grads, Params


def numerical_gradient(f: Callable[[], float], p: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """``f()``의 ``p``에 대한 기울기를 중앙 차분으로 구합니다. 모양은 p와 같습니다.

    ``p``의 원소를 하나씩 잠깐 바꿨다가 되돌려 놓으므로 ``p``는 ``f``가 읽는 바로 그 float64 배열이어야 합니다
    (정수 배열에는 ε를 더할 수 없고, float32에서는 ε = 1e-6이 반올림에 묻힙니다).
    """
    if not callable(f):
        raise TypeError(f"f: 인자 없이 불러 손실(실수)을 돌려주는 함수여야 하는데 {type(f).__name__}을(를) 받았습니다.")
    check_array("p", p, tuple(f"m{i}" for i in range(getattr(p, "ndim", 0))), Dims())
    if p.dtype != np.float64:
        raise TypeError(f"p: float64 배열이어야 하는데 자료형이 {p.dtype}인 배열을 받았습니다"
                        "(float32에서는 ε만큼의 차이가 반올림에 묻힙니다).")
    check_number("eps", eps, high=1.0)
    grad = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        old = p[i]
        p[i] = old + eps
        f_plus = f()
        p[i] = old - eps
        f_minus = f()
        p[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def _check_data(x: Any, y: Any, params: Any, output: str, eps: float) -> Params[np.ndarray]:
    params = network.check_example(x, y, params)
    check_number("eps", eps, high=1.0)
    check_choice("output", output, OUTPUTS)
    if output == "sigmoid":
        network.check_labels(y)
    return params


def numerical_grads(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
                    eps: float = 1e-6, *, output: str = "relu") -> Grads[np.ndarray]:
    """모든 파라미터의 기울기를 중앙 차분으로 구합니다(``params``는 바뀌지 않습니다).

    x (n, d), y (n, k), params = W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k), 같은 자료형.
    계산은 float64 복사본으로 합니다. ``output``은 ``network.forward``와 같습니다(출력층과 손실의 짝).
    """
    return _numerical_grads(x, y, _check_data(x, y, params, output, eps), eps, output)


def _numerical_grads(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], eps: float,
                     output: str) -> Grads[np.ndarray]:
    params = Params(*(p.astype(np.float64, copy=True) for p in params))
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def f() -> float:  # 파라미터 원소마다 두 번 부르므로 입력 검사 없이
        return network._loss_of(network._forward(x, *params, output), y)

    return Grads(*(numerical_gradient(f, p, eps) for p in params))


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """두 배열의 상대 오차 max|a − b| / max(|a| + |b|, 1e-12). 모양이 같아야 합니다."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"b: a와 같은 모양 {a.shape}이어야 하는데 {b.shape}을(를) 받았습니다.")
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))


def gradient_check(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], eps: float = 1e-6,
                   backward_fn: Callable[..., Grads[np.ndarray]] = network.backward,
                   *, output: str = "relu") -> dict[str, float]:
    """역전파 기울기와 중앙 차분 기울기의 상대 오차를 파라미터마다 돌려줍니다.

    float64에서 올바른 역전파라면 모두 1e-7보다 훨씬 작습니다. ``backward_fn``에
    다른 역전파(예: 일부러 틀린 것, ``backward_fn(y, cache, W2)``)를 넣어 검사가 실수를 잡는지 볼 수 있습니다.
    """
    params = _check_data(x, y, params, output, eps)
    if not callable(backward_fn):
        raise TypeError(f"backward_fn: backward(y, cache, W2)처럼 부를 수 있는 함수여야 하는데 "
                        f"{type(backward_fn).__name__}을(를) 받았습니다.")
    analytic = as_four("backward_fn의 결과", backward_fn(y, network._forward(x, *params, output), params.W2),
                       GRAD_NAMES, Grads)
    numeric = _numerical_grads(x, y, params, eps, output)
    return {name: relative_error(a, n) for name, a, n in zip(Grads._fields, analytic, numeric)}
