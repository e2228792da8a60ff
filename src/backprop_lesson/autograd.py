"""PyTorch 자동 미분(autograd)으로 같은 신경망을 계산합니다(float32).

numpy 판과 같은 식이지만 기울기는 ``loss.backward()``가 계산 그래프를 거슬러
올라가며 구해 줍니다. 파라미터는 ``requires_grad=True``인 텐서입니다.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ._checks import check_arrays, check_positive
from .example import Example, example


def example_tensors() -> Example:
    """예제를 float32 텐서로, 매번 새로 만들어 돌려줍니다. W1, b1, W2, b2는 requires_grad=True."""
    ex = example()
    x, y = (torch.tensor(a, dtype=torch.float32) for a in (ex.x, ex.y))
    params = (torch.tensor(p, dtype=torch.float32, requires_grad=True) for p in ex.params)
    return Example(x, y, *params)


def forward_torch(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
                  W2: torch.Tensor, b2: torch.Tensor) -> torch.Tensor:
    """순전파 y_pred = ReLU(ReLU(x @ W1 + b1) @ W2 + b2). x (n, d) → y_pred (n, k)."""
    check_arrays(x=(x, "n d"), W1=(W1, "d h"), b1=(b1, "1 h"),
                 W2=(W2, "h k"), b2=(b2, "1 k"))
    z1 = x @ W1 + b1
    a1 = F.relu(z1)
    z2 = a1 @ W2 + b2
    return F.relu(z2)


def loss_torch(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """손실 L = 0.5 · (y_pred − y)², 샘플 n개의 평균(0차원 텐서)."""
    check_arrays(y_pred=(y_pred, "n k"), y=(y, "n k"))
    return (0.5 * (y_pred - y) ** 2).sum() / y.shape[0]


def sgd_step_(params: tuple[torch.Tensor, ...], lr: float) -> None:
    """제자리 경사 하강: θ ← θ − lr · θ.grad, 그다음 기울기를 0으로 되돌립니다."""
    check_positive("lr", lr)
    with torch.no_grad():  # 갱신 자체는 계산 그래프에 넣지 않습니다
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
