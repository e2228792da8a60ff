"""재현성: 원본 노트북의 float32 숫자를 어느 CPU에서나 글자 그대로 다시 내기(직접 켜는 선택).

PyTorch(CPU)의 float32 행렬곱은 인텔 MKL이 계산합니다. MKL은 CPU마다 가장 빠른 코드 경로
(AVX2, AVX-512 등)를 고르는데, 경로에 따라 덧셈 순서와 반올림 횟수가 달라져 마지막 자리가
달라질 수 있습니다. MKL의 '조건부 수치 재현성'(CNR) 설정 ``MKL_CBWR=COMPATIBLE``은 모든 CPU에서
같은 결과를 내는 경로를 쓰게 합니다. 그 대신 행렬곱이 느려집니다(``tools/bench_batch.py``가 잽니다).

그래서 ``import backprop_lesson``은 아무 설정도 바꾸지 않습니다. 원본의 float32 숫자를 출력하는 장만
첫 코드 셀에서 ``use_reproducible_matmul()``을 불러 **직접** 켭니다. MKL은 이 값을 프로세스의
**첫 행렬곱 때 한 번** 읽으므로 torch로 아무것도 계산하기 전에 불러야 합니다.
"""

from __future__ import annotations

import os

MKL_CBWR = "COMPATIBLE"


def use_reproducible_matmul() -> str:
    """환경 변수 ``MKL_CBWR``가 비어 있으면 ``COMPATIBLE``로 정하고, 적용될 값을 돌려줍니다.

    사용자가 이미 정한 값은 그대로 둡니다. torch의 첫 행렬곱보다 먼저 불러야 효과가 있습니다.
    """
    return os.environ.setdefault("MKL_CBWR", MKL_CBWR)
