"""데이터: 책의 예제(원본 노트북의 숫자), 두 나선 데이터, 처음 가중치.

- ``example()``: 입력 x, 정답 y, 처음 가중치와 편향. 부를 때마다 **새 배열**이므로
  한 장에서 가중치를 바꿔도 다른 장의 숫자는 바뀌지 않습니다.
  x (1, 3) · y (1, 1) · W1 (3, 2) · b1 (1, 2) · W2 (2, 1) · b2 (1, 1)
- ``spirals()``: 직선 하나로는 나눌 수 없는 두 나선 x (n, 2), y (n, 1)
- ``init_params()``: He 방식의 처음 가중치 W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple

import numpy as np

from ._checks import Dims, check_array, check_number, check_positive, check_seed
from .network import A, Params

LR = 0.1
"""책의 예제의 학습률(learning rate) η."""

EPOCHS = 10
"""책의 예제의 학습 에폭 수."""


class Example(NamedTuple, Generic[A]):
    """예제 한 벌: ``x, y, W1, b1, W2, b2 = example()``처럼 풀어 씁니다."""

    x: A
    y: A
    W1: A
    b1: A
    W2: A
    b2: A

    @property
    def params(self) -> Params[A]:
        """파라미터 네 개만 묶어서."""
        return Params(self.W1, self.b1, self.W2, self.b2)


def example() -> Example[np.ndarray]:
    """원본 노트북의 예제를 float64 numpy 배열로, 매번 새로 만들어 돌려줍니다."""
    return Example(
        x=np.array([[0.5, 0.8, 0.2]]),
        y=np.array([[1.0]]),
        W1=np.array([[1.0, -1.0],
                     [0.0, 2.0],
                     [1.0, 0.5]]),
        b1=np.array([[0.1, 0.2]]),
        W2=np.array([[2.0],
                     [-1.0]]),
        b2=np.array([[0.5]]),
    )


def spirals(n: int = 200, turns: float = 1.0, noise: float = 0.03,
            seed: int = 0, classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """서로 맞물린 나선 ``classes``개(기본 2). x (n, 2)는 반지름 1 안팎의 점, y (n, 1)은 나선 번호 0, 1, …(float64).

    나선 0의 점들을 원점에 대해 360°/classes씩 돌린 것이 나머지 나선입니다(둘이면 180°). 나선은 중심에서 밖으로
    ``turns`` 바퀴 돌고, 좌표에 표준편차 ``noise``의 잡음을 더합니다. 샘플 순서는 섞습니다.
    """
    check_positive("n", n, integer=True)
    check_positive("turns", turns)
    check_number("noise", noise, low_ok=True)
    check_seed(seed)
    check_number("classes", classes, integer=True, low=2, low_ok=True)
    rng = np.random.default_rng(seed)
    label = np.arange(n) % classes                        # 0, 1, …, classes − 1, 0, 1, …  (n,)
    r = np.sqrt(rng.uniform(0.05, 1.0, size=n))           # 바깥쪽에도 점이 고르게   (n,)
    angle = 2 * np.pi * turns * r + 2 * np.pi * label / classes  # 나선마다 360°/classes씩 돌림   (n,)
    x = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    x += noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return x[order], label[order].reshape(n, 1).astype(np.float64)


def init_params(d: int, h: int, k: int, seed: int = 0, dtype: Any = np.float64) -> Params[np.ndarray]:
    """He 방식의 처음 파라미터: W ~ 정규분포(0, 2/들어오는 수), 편향은 0.

    W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k). 같은 seed면 float32든 float64든
    같은 난수를 그 자료형으로 반올림한 값입니다.
    """
    for name, v in (("d", d), ("h", h), ("k", k)):
        check_positive(name, v, integer=True)
    check_seed(seed)
    if dtype not in (np.float32, np.float64, "float32", "float64"):
        raise ValueError(f"dtype: np.float32 또는 np.float64여야 하는데 {dtype!r}을(를) 받았습니다.")
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((d, h)) * np.sqrt(2 / d)
    W2 = rng.standard_normal((h, k)) * np.sqrt(2 / h)
    return Params(*(p.astype(dtype) for p in (W1, np.zeros((1, h)), W2, np.zeros((1, k)))))


def split(x: np.ndarray, y: np.ndarray, test_fraction: float = 0.25,
          seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """샘플을 섞어 학습용과 시험용으로 나눕니다: x_train, y_train, x_test, y_test.

    시험용은 ``round(n · test_fraction)``개(적어도 1개, 많아야 n − 1개)이고, 학습에는 쓰지 않습니다.
    """
    check_number("test_fraction", test_fraction, high=1.0)
    check_seed(seed)
    dims = Dims()
    dtype = check_array("x", x, ("n", "d"), dims)
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    n = len(x)
    if n < 2:
        raise ValueError(f"x: 샘플이 2개 이상이어야(학습용과 시험용에 하나씩) 하는데 {n}개를 받았습니다.")
    n_test = min(max(round(n * test_fraction), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return x[train], y[train], x[test], y[test]
