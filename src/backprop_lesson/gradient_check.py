"""기울기 검사: 직접 미분한 기울기를 중앙 차분으로 잰 기울기와 비교합니다.

중앙 차분  ∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / (2ε)  는 느리지만 미분 공식을 쓰지 않으므로
역전파 코드의 실수를 잡아내는 독립적인 잣대가 됩니다.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import network
from ._checks import check_choice, check_positive
from .network import Grads, Params, backward, forward


def numerical_gradient(f: Callable[[], float], p: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """``f()``의 ``p``에 대한 기울기를 중앙 차분으로 구합니다. 모양은 p와 같습니다.

    ``p``의 원소를 하나씩 잠깐 바꿨다가 되돌려 놓습니다(float64 배열이어야 합니다).
    """
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


def numerical_grads(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
                    eps: float = 1e-6, *, output: str = "relu") -> Grads[np.ndarray]:
    """모든 파라미터의 기울기를 중앙 차분으로 구합니다(``params``는 바뀌지 않습니다).

    ``output``은 ``network.forward``와 같습니다(출력층과 손실의 짝).
    """
    check_positive("eps", eps)
    check_choice("output", output, network.OUTPUTS)
    params = Params(*(p.astype(np.float64, copy=True) for p in params))

    def f() -> float:  # 파라미터 원소마다 두 번 부르므로 입력 검사 없이
        return network._loss(network._forward(x, *params, output=output).y_pred, y, output=output)

    return Grads(*(numerical_gradient(f, p, eps) for p in params))


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """두 배열의 상대 오차 max|a − b| / max(|a| + |b|, 1e-12)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))


def gradient_check(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], eps: float = 1e-6,
                   backward_fn: Callable[..., Grads[np.ndarray]] = backward) -> dict[str, float]:
    """역전파 기울기와 중앙 차분 기울기의 상대 오차를 파라미터마다 돌려줍니다.

    float64에서 올바른 역전파라면 모두 1e-7보다 훨씬 작습니다. ``backward_fn``에
    다른 역전파(예: 일부러 틀린 것)를 넣어 검사가 실수를 잡는지 볼 수 있습니다.
    """
    check_positive("eps", eps)
    analytic = backward_fn(y, forward(x, *params), params.W2)
    numeric = numerical_grads(x, y, params, eps)
    return {name: relative_error(a, n)
            for name, a, n in zip(Grads._fields, analytic, numeric)}
