"""원본 노트북이 출력한 줄들(골든 값)을 읽는 도우미."""

from __future__ import annotations

import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "original_values.txt"
CHAPTERS = ["01_forward", "02_backprop_manual", "04_backprop_autograd", "05_training_loop"]


def golden_blocks() -> dict[str, str]:
    """장 이름 → 그 장이 출력해야 하는 원본의 줄들(한 덩어리 문자열)."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = blocks.setdefault(line[3:], [])
        elif current is not None:
            current.append(line)
        # '# '로 시작하는 첫 줄들은 설명입니다.
    return {name: "\n".join(lines) for name, lines in blocks.items()}


def seed_blocks(text: str) -> list[str]:
    """원본 노트북 텍스트보내기에서 섹션마다 출력된 줄들을 꺼냅니다.

    섹션은 '# **제목**' 줄로 시작하고, 코드 뒤에 출력, 그 뒤에 빈 줄 둘과 캡션 한 줄이 옵니다.
    """
    sections = re.split(r"^# \*\*.*\*\*$", text, flags=re.M)[1:]
    blocks = []
    for sec in sections:
        lines = sec.strip("\n").split("\n")
        last_print = max(i for i, line in enumerate(lines) if "print(" in line)
        body = "\n".join(lines[last_print + 1:]).strip("\n")
        body = body.rsplit("\n\n\n", 1)[0]  # 마지막 캡션('순전파' 등)을 뗍니다
        blocks.append(body)
    return blocks
