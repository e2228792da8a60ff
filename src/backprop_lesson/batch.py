"""5장: 같은 코드로 미니배치(샘플 n개)를 학습합니다(numpy만 씁니다).

- ``spirals``: 직선 하나로는 나눌 수 없는 두 나선 데이터 x (n, 2), y (n, 1)
- ``init_params``: He 방식의 처음 가중치 W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)
- ``train_numpy``: 패키지의 ``forward`` → ``backward`` → ``sgd_step``을 에폭마다 되풀이

계산 자체는 새로 쓰지 않고 1–2장의 함수를 그대로 씁니다. 그 함수들은 처음부터
샘플 n개를 한 번에 받도록 쓰였습니다.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._checks import check_arrays, check_positive
from .backprop import backward, sgd_step
from .example import Params
from .forward_pass import forward
from .functions import loss


def _check_seed(seed: Any) -> None:
    if not isinstance(seed, numbers.Integral) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed: 0 이상의 정수여야 하는데 {seed!r}을(를) 받았습니다.")


def spirals(n: int = 200, turns: float = 1.0, noise: float = 0.03,
            seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """서로 맞물린 두 나선. x (n, 2)는 반지름 1 안의 점, y (n, 1)은 0 또는 1(float64).

    나선 0의 점들을 원점에 대해 돌린(180°) 것이 나선 1입니다. 나선은 중심에서 밖으로
    ``turns`` 바퀴 돌고, 좌표에 표준편차 ``noise``의 잡음을 더합니다. 샘플 순서는 섞습니다.
    """
    check_positive("n", n, integer=True)
    check_positive("turns", turns)
    if not isinstance(noise, numbers.Real) or isinstance(noise, bool) or not 0 <= noise < np.inf:
        raise ValueError(f"noise: 0 이상의 유한한 실수여야 하는데 {noise!r}을(를) 받았습니다.")
    _check_seed(seed)
    rng = np.random.default_rng(seed)
    label = np.arange(n) % 2                              # 0, 1, 0, 1, …  (n,)
    r = np.sqrt(rng.uniform(0.05, 1.0, size=n))           # 바깥쪽에도 점이 고르게   (n,)
    angle = 2 * np.pi * turns * r + np.pi * label         # 나선 1은 180° 돌린 것   (n,)
    x = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    x += noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return x[order], label[order].reshape(n, 1).astype(np.float64)


def init_params(d: int, h: int, k: int, seed: int = 0, dtype: Any = np.float64) -> Params:
    """He 방식의 처음 파라미터: W ~ 정규분포(0, 2/들어오는 수), 편향은 0.

    W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k). 같은 seed면 float32든 float64든
    같은 난수를 그 자료형으로 반올림한 값입니다.
    """
    for name, v in (("d", d), ("h", h), ("k", k)):
        check_positive(name, v, integer=True)
    _check_seed(seed)
    if not np.issubdtype(np.dtype(dtype), np.floating):
        raise ValueError(f"dtype: 실수 자료형(np.float32, np.float64)이어야 하는데 {dtype!r}을(를) 받았습니다.")
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((d, h)) * np.sqrt(2 / d)
    W2 = rng.standard_normal((h, k)) * np.sqrt(2 / h)
    return Params(*(p.astype(dtype) for p in (W1, np.zeros((1, h)), W2, np.zeros((1, k)))))


def check_training_inputs(x: Any, y: Any, params: Any, lr: Any, epochs: Any) -> None:
    """``train_numpy``와 ``train_torch``가 함께 쓰는 입력 검사(모양, 유한, 같은 자료형, lr, epochs)."""
    check_positive("lr", lr)
    check_positive("epochs", epochs, integer=True)
    W1, b1, W2, b2 = params
    arrays = {"x": x, "y": y, "W1": W1, "b1": b1, "W2": W2, "b2": b2}
    check_arrays(x=(x, "n d"), y=(y, "n k"), W1=(W1, "d h"), b1=(b1, "1 h"),
                 W2=(W2, "h k"), b2=(b2, "1 k"))
    for name, a in arrays.items():  # 섞이면 numpy가 조용히 float64로 올립니다
        if a.dtype != W1.dtype:
            raise ValueError(f"{name}: 자료형이 W1과 같은 {W1.dtype}이어야 하는데 "
                             f"{a.dtype}을(를) 받았습니다.")


def train_numpy(x: np.ndarray, y: np.ndarray, params: Params, lr: float,
                epochs: int) -> tuple[list[float], Params]:
    """전체 배치 경사 하강으로 ``epochs``번 학습합니다(직접 미분한 역전파).

    x (n, d), y (n, k), params = W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k), 모두 같은 자료형.
    돌려주는 값: 에폭마다 **갱신 전** 손실(float)의 리스트와 학습이 끝난 ``Params``(새 배열).
    """
    check_training_inputs(x, y, params, lr, epochs)
    params = Params(*params)
    losses = []
    for _ in range(epochs):
        cache = forward(x, *params)
        losses.append(loss(cache.y_pred, y))
        params = sgd_step(params, backward(y, cache, params.W2), lr)
    return losses, params


def accuracy(y_pred: np.ndarray, y: np.ndarray) -> float:
    """y_pred > 0.5를 1로 읽었을 때 맞힌 비율. y_pred (n, 1), y (n, 1)은 0 또는 1."""
    check_arrays(y_pred=(y_pred, "n 1"), y=(y, "n 1"))
    return float(np.mean((y_pred > 0.5) == (y > 0.5)))
