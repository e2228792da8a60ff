"""순전파: x → z1 → a1 → z2 → y_pred, 그리고 역전파가 쓸 캐시."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._checks import check_arrays
from .functions import relu


class Cache(NamedTuple):
    """순전파의 중간값. 역전파가 그대로 다시 씁니다.

    x (n, d) · z1 (n, h) · a1 (n, h) · z2 (n, k) · y_pred (n, k)
    """

    x: np.ndarray
    z1: np.ndarray
    a1: np.ndarray
    z2: np.ndarray
    y_pred: np.ndarray


def forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray,
            W2: np.ndarray, b2: np.ndarray) -> Cache:
    """두 층 신경망의 순전파.

    z1 = x @ W1 + b1,  a1 = ReLU(z1),  z2 = a1 @ W2 + b2,  y_pred = ReLU(z2)

    x (n, d) · W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k) → ``Cache``
    """
    check_arrays(x=(x, "n d"), W1=(W1, "d h"), b1=(b1, "1 h"),
                 W2=(W2, "h k"), b2=(b2, "1 k"))
    z1 = x @ W1 + b1
    a1 = relu(z1)
    z2 = a1 @ W2 + b2
    y_pred = relu(z2)
    return Cache(x, z1, a1, z2, y_pred)
