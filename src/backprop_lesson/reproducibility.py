"""재현성: 같은 코드가 어느 CPU에서나 같은 float32 숫자를 내도록.

PyTorch(CPU)의 행렬곱은 인텔 MKL이 계산합니다. MKL은 CPU마다 가장 빠른 코드
경로(AVX2, AVX-512, FMA 등)를 고르는데, 경로에 따라 덧셈 순서와 반올림 횟수가
달라져 float32 결과의 마지막 자리가 달라질 수 있습니다. 환경 변수
``MKL_CBWR=COMPATIBLE``은 MKL이 모든 CPU에서 같은 결과를 내는 경로를 쓰게 합니다.
MKL은 이 값을 **프로세스의 첫 행렬곱 때 한 번** 읽으므로, 패키지를 가져올 때
가장 먼저 설정합니다. 사용자가 이미 정한 값이 있으면 그대로 둡니다.
"""

from __future__ import annotations

import os

MKL_CBWR_DEFAULT = "COMPATIBLE"


def use_reproducible_matmul() -> str:
    """``MKL_CBWR``가 비어 있으면 ``COMPATIBLE``로 정하고, 적용될 값을 돌려줍니다.

    첫 행렬곱보다 먼저 불러야 효과가 있습니다(``import backprop_lesson``이 부릅니다).
    """
    return os.environ.setdefault("MKL_CBWR", MKL_CBWR_DEFAULT)
