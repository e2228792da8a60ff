"""axe-core 접근성 검사를 빠르게: 색을 재는 두 규칙은 '모양'마다 한 요소에서만 돌립니다.

axe의 색 대비 규칙(color-contrast)과 링크 구별 규칙(link-in-text-block)은 글자가 있는 요소마다 그 뒤의 배경을
찾아 계산하므로 요소 하나에 수 ms가 듭니다. 구문 강조된 코드의 토큰, 수식의 글자처럼 같은 모양의 요소가 한
페이지에 수천 개라서 이 두 규칙이 axe 시간의 대부분(06장에서 5.5 s 중 4 s)이었습니다.

두 규칙의 판정은 그 요소의 글자색, 뒤에 칠해진 배경(불투명해질 때까지 쌓인 배경색과 배경 그림), 글자 크기와
굵기(큰 글자는 기준이 3:1), 조상까지 곱한 불투명도, 필터, 글자 그림자로 정해지고, 링크는 둘레 글의 색과
밑줄도 봅니다. 그래서 보이는 글자 요소를 이 '모양'으로 묶어 묶음마다 첫 요소에 표시(data-axe-look)를 붙이고,
두 색 규칙이 고르는 요소(selector)를 표시된 것으로 좁힌 뒤(axe.configure) axe를 한 번 돌립니다. 다른 규칙은
모두 그대로 모든 요소에서 돕니다. 화면 읽기용으로 1px로 잘린 글자(sr-only)는 axe가 대비를 재지 않으므로 따로
묶습니다(그것이 대표가 되어 같은 모양의 보이는 글자를 가리지 않게). 입력 칸은 묶지 않습니다.

놓치는 것: 위치를 옮긴(position) 다른 요소가 글자 뒤에 겹쳐 배경이 되는 경우. 이 책에는 그런 글자가 없고,
`.ci/run`의 Lighthouse가 모든 페이지에서 axe의 접근성 검사(색 대비 포함)를 따로, 요소마다 돌립니다.
tests/test_axe.py가 묶음이 위반을 놓치지 않는지(낮은 대비의 토큰 하나, 다른 배경의 같은 토큰, 잘린 글자가
먼저 나온 경우, 색으로만 구별되는 링크) 확인합니다.
"""

from __future__ import annotations

import functools

SERIOUS = ("serious", "critical")

# 페이지에서 실행: axe를 두 번 돌려 위반 목록과 [글자 요소 수, 색 대비를 잰 대표 수]를 돌려줍니다.
# within: 검사할 부분의 CSS 선택자(없으면 문서 전체).
RUN = """async within => {
    const root = within ? document.querySelector(within) : document.body;
    const opaque = c => !/rgba\\(/.test(c) || /, 1\\)$/.test(c);
    // 조상 쪽에서 정해지는 것(뒤의 배경, 곱한 불투명도, 필터)은 요소마다 한 번만 계산해 자식들이 나눠 씁니다.
    const memo = new Map();
    const above = e => {
        if (!e) return {behind: "", opacity: 1, filters: ""};
        if (memo.has(e)) return memo.get(e);
        const up = above(e.parentElement), t = getComputedStyle(e);
        const image = t.backgroundImage !== "none", colour = t.backgroundColor !== "rgba(0, 0, 0, 0)";
        const own = [image ? t.backgroundImage : "", colour ? t.backgroundColor : ""].filter(Boolean).join(" ");
        // 글자에서 가까운 배경부터, 불투명한 배경색이나 배경 그림에서 멈춥니다(그 뒤는 보이지 않음).
        const behind = image || opaque(t.backgroundColor) ? own : [own, up.behind].filter(Boolean).join(" over ");
        const mine = {behind, opacity: up.opacity * Number(t.opacity),
                      filters: up.filters + (t.filter !== "none" ? t.filter + ";" : "")};
        memo.set(e, mine);
        return mine;
    };
    const look = el => {
        const s = getComputedStyle(el), r = el.getBoundingClientRect(), a = above(el);
        const clipped = r.width <= 1 || r.height <= 1 || s.clip !== "auto" || s.clipPath !== "none";
        // 링크는 둘레 글과 색으로만 구별되는지(link-in-text-block)도 보므로 부모의 글자색과 밑줄까지
        const around = el.parentElement ? getComputedStyle(el.parentElement).color : "";
        return [s.color, a.behind, s.fontSize, s.fontWeight, s.fontStyle, a.opacity, a.filters,
                s.textShadow, clipped, el.localName === "a", around, s.textDecorationLine,
                s.borderBottomStyle].join("|");
    };
    const text = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const mark = "data-axe-look";
    for (const old of document.querySelectorAll(`[${mark}]`)) old.removeAttribute(mark);  // 지난 실행의 대표
    const looks = new Set();
    let texts = 0, reps = 0;
    for (const el of [root, ...root.querySelectorAll("*")]) {
        const field = el.matches("input, select, textarea");
        if (!(field || text(el)) || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        texts++;
        const key = field ? el : look(el);
        if (!looks.has(key)) { looks.add(key); el.setAttribute(mark, ""); reps++; }
    }
    // 두 색 규칙은 대표에서만: 규칙이 고르는 요소(selector)를 좁힙니다. 다른 규칙은 모든 요소에서, 한 번에.
    axe.configure({rules: [{id: "color-contrast", selector: `[${mark}]`},
                           {id: "link-in-text-block", selector: `a[href][${mark}], [role=link][${mark}]`}]});
    let result;
    try {
        result = await axe.run(within ? {include: [root]} : document, {resultTypes: ["violations"]});
    } finally {
        axe.reset();  // 규칙 설정을 원래대로: 같은 페이지에서 axe를 다시 부르는 쪽이 좁힌 규칙을 물려받지 않게
    }
    const brief = v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target)});
    return {violations: result.violations.map(brief), texts, reps};
}"""


@functools.cache
def script() -> str:
    """axe-core 자체(axe-playwright-python에 든 것)."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def serious(result: dict) -> list[str]:
    """RUN의 결과에서 serious/critical 위반만, 읽을 수 있는 줄로."""
    return [f"{v['id']} ({v['impact']}): {v['help']} @ {v['targets']}"
            for v in result["violations"] if v["impact"] in SERIOUS]
