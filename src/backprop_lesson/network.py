"""numpy로 쓴 두 층 신경망: 파라미터, 순전파와 캐시, 직접 미분한 역전파, 경사 하강 한 걸음.

    z1 = x @ W1 + b1,  a1 = ReLU(z1),  z2 = a1 @ W2 + b2,  y_pred = ReLU(z2)
    L = mean over n of 0.5 · Σ_k (y_pred − y)²

출력층과 손실은 짝으로 고릅니다(``output``): 책의 예제는 ``"relu"``(ReLU 출력, 제곱 오차),
6장의 분류는 ``"sigmoid"``(시그모이드 출력, 이진 교차 엔트로피
L = −mean over n of Σ_k [y log y_pred + (1 − y) log(1 − y_pred)]).

모양: x (n, d) · W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k) · y, y_pred (n, k).
책의 예제는 n = 1, d = 3, h = 2, k = 1입니다. 원본 노트북의 d 이름을 따라 ``dz2``는 ∂L/∂z2,
``dW1``은 ∂L/∂W1을 뜻합니다. PyTorch 판은 ``network_torch``에 같은 이름으로 있습니다.
"""

from __future__ import annotations

import sys
from typing import Generic, TypeVar

import numpy as np

from ._checks import POSITIVE, checked, unchecked

if sys.version_info >= (3, 11):
    from typing import NamedTuple
else:  # 3.10의 typing.NamedTuple은 Generic을 받지 못합니다
    from typing_extensions import NamedTuple

OUTPUTS = ("relu", "sigmoid")
"""출력층과 손실의 짝: ReLU + 제곱 오차(책의 예제), 시그모이드 + 이진 교차 엔트로피(분류)."""

EPS = 1e-12
"""교차 엔트로피에서 log(0)을 피하려고 y_pred를 자르는 폭."""

A = TypeVar("A")
"""배열의 타입: numpy 판에서는 ``np.ndarray``, PyTorch 판에서는 ``torch.Tensor``."""


class Params(NamedTuple, Generic[A]):
    """신경망의 파라미터 W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)."""

    W1: A
    b1: A
    W2: A
    b2: A


class Cache(NamedTuple, Generic[A]):
    """순전파의 중간값. 역전파가 그대로 다시 씁니다.

    x (n, d) · z1 (n, h) · a1 (n, h) · z2 (n, k) · y_pred (n, k)
    """

    x: A
    z1: A
    a1: A
    z2: A
    y_pred: A


class Grads(NamedTuple, Generic[A]):
    """파라미터와 같은 모양의 기울기: dW1 (d, h), db1 (1, h), dW2 (h, k), db2 (1, k)."""

    dW1: A
    db1: A
    dW2: A
    db2: A


def relu(z: np.ndarray) -> np.ndarray:
    """ReLU(z) = max(0, z), 원소별. 모양은 z와 같습니다."""
    return np.maximum(0, z)


def relu_deriv(z: np.ndarray) -> np.ndarray:
    """ReLU의 도함수: z > 0이면 1, 아니면 0 (z = 0에서는 0으로 정합니다). 자료형은 z와 같습니다."""
    return (z > 0).astype(z.dtype)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """시그모이드 σ(z) = 1 / (1 + e^(−z)), 원소별. 값은 0과 1 사이, 모양은 z와 같습니다."""
    return 1 / (1 + np.exp(-z))


@checked(y_pred="n k", y="n k", output=OUTPUTS)
def loss(y_pred: np.ndarray, y: np.ndarray, *, output: str = "relu") -> float:
    """손실, 샘플 n개의 평균. y_pred (n, k), y (n, k).

    ``output="relu"``: L = 0.5 · Σ_k (y_pred − y)². 원본처럼 n = 1, k = 1이면 ``0.5 * (y_pred - y) ** 2``.
    ``output="sigmoid"``: 이진 교차 엔트로피 L = −Σ_k [y log y_pred + (1 − y) log(1 − y_pred)].
    log(0)을 피하려고 y_pred를 [EPS, 1 − EPS]로 자릅니다(PyTorch 판도 같습니다).
    """
    if output == "sigmoid":
        p = np.clip(y_pred, EPS, 1 - EPS)
        return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / y.shape[0])
    return float(np.sum(0.5 * (y_pred - y) ** 2) / y.shape[0])


@checked(x="n d", W1="d h", b1="1 h", W2="h k", b2="1 k", output=OUTPUTS)
def forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray,
            W2: np.ndarray, b2: np.ndarray, *, output: str = "relu") -> Cache[np.ndarray]:
    """순전파. x (n, d)와 파라미터 → 중간값을 모두 담은 ``Cache``. 출력층은 ReLU(또는 시그모이드)."""
    z1 = x @ W1 + b1
    a1 = relu(z1)
    z2 = a1 @ W2 + b2
    y_pred = sigmoid(z2) if output == "sigmoid" else relu(z2)
    return Cache(x, z1, a1, z2, y_pred)


@checked(output=OUTPUTS, **{"cache.x": "n d", "cache.z1": "n h", "cache.a1": "n h",
                            "cache.y_pred": "n k", "y": "n k", "W2": "h k"})
def backward(y: np.ndarray, cache: Cache[np.ndarray], W2: np.ndarray,
             *, output: str = "relu") -> Grads[np.ndarray]:
    """손실 L = mean(0.5·Σ(y_pred − y)²)의 기울기를 연쇄 법칙으로 구합니다(출력층 → 입력 쪽).

    dy_pred = (y_pred − y) / n           (n, k)
    dz2 = dy_pred * ReLU'(z2)            (n, k)
    dW2 = a1ᵀ @ dz2,  db2 = Σ_행 dz2     (h, k), (1, k)
    dz1 = (dz2 @ W2ᵀ) * ReLU'(z1)        (n, h)
    dW1 = xᵀ @ dz1,   db1 = Σ_행 dz1     (d, h), (1, h)

    n = 1이면 ``/ n``과 행의 합이 아무것도 바꾸지 않아 2장의 식과 같습니다.
    ``output="sigmoid"``(교차 엔트로피)이면 σ'(z2) = y_pred(1 − y_pred)가 ∂L/∂y_pred의 분모와 약분되어
    dz2 = (y_pred − y) / n 입니다(6장).
    """
    x, z1, a1, z2, y_pred = cache
    n = x.shape[0]
    if output == "sigmoid":
        dz2 = (y_pred - y) / n
    else:
        dy_pred = (y_pred - y) / n
        dz2 = dy_pred * relu_deriv(z2)
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dz1 = dz2 @ W2.T * relu_deriv(z1)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return Grads(dW1, db1, dW2, db2)


@checked(**{"params.W1": "d h", "params.b1": "1 h", "params.W2": "h k", "params.b2": "1 k",
            "grads.dW1": "d h", "grads.db1": "1 h", "grads.dW2": "h k", "grads.db2": "1 k",
            "lr": POSITIVE})
def sgd_step(params: Params[np.ndarray], grads: Grads[np.ndarray], lr: float) -> Params[np.ndarray]:
    """경사 하강 한 걸음: θ ← θ − lr · dθ. 새 배열을 돌려주고 입력은 바꾸지 않습니다."""
    return Params(*(p - lr * g for p, g in zip(params, grads)))


def loss_and_grads(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
                   *, output: str = "relu") -> tuple[float, Cache[np.ndarray], Grads[np.ndarray]]:
    """학습 한 걸음의 앞부분: 순전파 → 손실 → 역전파. ``training.train``이 되풀이해 부릅니다.

    입력은 검사하지 않습니다(``train``이 입구에서 한 번 검사합니다).
    """
    cache = _forward(x, *params, output=output)
    return _loss(cache.y_pred, y, output=output), cache, _backward(y, cache, params.W2, output=output)


def evaluate(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
             *, output: str = "relu") -> tuple[float, np.ndarray]:
    """기울기 없이 손실과 예측만(미니배치 학습에서 에폭마다 전체 데이터를 잴 때). 검사하지 않습니다."""
    y_pred = _forward(x, *params, output=output).y_pred
    return _loss(y_pred, y, output=output), y_pred


_forward, _loss, _backward = unchecked(forward), unchecked(loss), unchecked(backward)
_sgd_step = unchecked(sgd_step)
