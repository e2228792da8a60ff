"""숫자를 보여 줄 글자로: 모든 그림(단계별 보기, 신경망 그림, 계산 그래프 그림)이 쓰는 함수 하나."""

from __future__ import annotations

MINUS = "\u2212"


def fmt(v: float, *, matplotlib: bool = False) -> str:
    """유효 숫자 4자리(:.4g), −0은 0으로.

    HTML(단계별 보기)에는 빼기 기호 '−'(U+2212)를 쓰고 정수 값에 '.0'을 붙여 numpy가 출력하는 float처럼
    보이게 합니다: 1.0 → '1.0', -0.30000000000000004 → '−0.3', 0.04500000000000008 → '0.045'.
    ``matplotlib=True``(그림 속 글자)는 ASCII '-'를 씁니다(그림의 나눔고딕에 U+2212가 없음): 1.0 → '1'.
    """
    s = f"{float(v) + 0.0:.4g}"  # + 0.0: −0.0을 0.0으로
    if matplotlib:
        return s
    if s.lstrip("-").isdigit():
        s += ".0"
    return s.replace("-", MINUS)
