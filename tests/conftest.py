# backprop_lesson을 torch보다 먼저 가져와 MKL_CBWR이 첫 행렬곱 전에 정해지게 합니다.
import backprop_lesson  # noqa: F401
