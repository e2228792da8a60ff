"""활성화 함수 ReLU와 그 도함수, 손실 함수."""

from __future__ import annotations

import numpy as np

from ._checks import check_arrays


def relu(z: np.ndarray) -> np.ndarray:
    """ReLU(z) = max(0, z), 원소별. 모양은 z와 같습니다."""
    return np.maximum(0, z)


def relu_deriv(z: np.ndarray) -> np.ndarray:
    """ReLU의 도함수: z > 0이면 1, 아니면 0 (z = 0에서는 0으로 정합니다). 자료형은 z와 같습니다."""
    return (z > 0).astype(z.dtype)


def loss(y_pred: np.ndarray, y: np.ndarray) -> float:
    """손실 L = 0.5 · (y_pred − y)², 샘플 n개의 평균.

    y_pred (n, k), y (n, k). 원본처럼 n = 1이면 ``0.5 * (y_pred - y) ** 2``와 같습니다.
    """
    check_arrays(y_pred=(y_pred, "n k"), y=(y, "n k"))
    return float(np.sum(0.5 * (y_pred - y) ** 2) / y.shape[0])
