"""역전파(직접 미분)와 경사 하강 한 걸음.

연쇄 법칙으로 손실 L의 기울기를 출력층에서 입력 쪽으로 차례로 구합니다.
원본 노트북의 d 이름을 따라 ``dz2``는 ∂L/∂z2, ``dW1``은 ∂L/∂W1을 뜻합니다.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._checks import check_arrays, check_positive
from .example import Params
from .forward_pass import Cache
from .functions import relu_deriv


class Grads(NamedTuple):
    """파라미터와 같은 모양의 기울기: dW1 (d, h), db1 (1, h), dW2 (h, k), db2 (1, k)."""

    dW1: np.ndarray
    db1: np.ndarray
    dW2: np.ndarray
    db2: np.ndarray


def backward(y: np.ndarray, cache: Cache, W2: np.ndarray) -> Grads:
    """손실 L = mean(0.5·(y_pred − y)²)의 기울기를 직접 미분으로 구합니다.

    dy_pred = (y_pred − y) / n           (n, k)
    dz2 = dy_pred * ReLU'(z2)            (n, k)
    dW2 = a1ᵀ @ dz2,  db2 = Σ dz2        (h, k), (1, k)
    dz1 = (dz2 @ W2ᵀ) * ReLU'(z1)        (n, h)
    dW1 = xᵀ @ dz1,   db1 = Σ dz1        (d, h), (1, h)
    """
    x, z1, a1, z2, y_pred = cache
    check_arrays(y_pred=(y_pred, "n k"), y=(y, "n k"), W2=(W2, "h k"),
                 z1=(z1, "n h"), a1=(a1, "n h"), x=(x, "n d"))
    n = x.shape[0]
    dy_pred = (y_pred - y) / n
    dz2 = dy_pred * relu_deriv(z2)
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dz1 = dz2 @ W2.T * relu_deriv(z1)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return Grads(dW1, db1, dW2, db2)


def sgd_step(params: Params, grads: Grads, lr: float) -> Params:
    """경사 하강 한 걸음: θ ← θ − lr · dθ. 새 배열을 돌려주고 입력은 바꾸지 않습니다."""
    check_positive("lr", lr)
    W1, b1, W2, b2 = params
    check_arrays(W1=(W1, "d h"), b1=(b1, "1 h"), W2=(W2, "h k"), b2=(b2, "1 k"))
    for g_name, p, g in zip(Grads._fields, params, grads):  # 기울기는 파라미터와 같은 모양
        check_arrays(**{g_name: (g, " ".join(map(str, p.shape)))})
    return Params(*(p - lr * g for p, g in zip(params, grads)))
