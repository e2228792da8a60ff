"""책 전체가 쓰는 예제: 입력 x, 정답 y, 처음 가중치와 편향.

원본 노트북의 숫자 그대로입니다. 부를 때마다 **새 배열**을 만들어 주므로
한 장(chapter)에서 가중치를 바꿔도 다른 장의 숫자는 바뀌지 않습니다.

모양(n=1개 샘플, 입력 3개, 은닉 유닛 2개, 출력 1개):
    x (1, 3) · y (1, 1) · W1 (3, 2) · b1 (1, 2) · W2 (2, 1) · b2 (1, 1)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

LR = 0.1
"""학습률(learning rate) η."""

EPOCHS = 10
"""학습 루프의 에폭 수."""


class Params(NamedTuple):
    """신경망의 파라미터 W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


class Example(NamedTuple):
    """예제 한 벌: ``x, y, W1, b1, W2, b2 = example()``처럼 풀어 씁니다."""

    x: np.ndarray
    y: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    @property
    def params(self) -> Params:
        """파라미터 네 개만 묶어서."""
        return Params(self.W1, self.b1, self.W2, self.b2)


def example() -> Example:
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
