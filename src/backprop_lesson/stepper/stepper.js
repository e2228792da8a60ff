// 역전파 단계별 보기. id를 쓰지 않고 자기를 감싼 .bp-stepper를 찾습니다(한 페이지에 여럿이어도 섞이지 않게).
// 단계의 글과 데이터는 '모든 단계를 글로 보기' 목록의 <li>에 있습니다(스크립트 없이도 읽히는 그 목록).
(function () {
  function init(root) {
    if (root.getAttribute('data-ready')) return;
    root.setAttribute('data-ready', '1');
    function all(sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
    function one(sel) { return root.querySelector(sel); }
    var items = all('.bp-all li'), k = 0, labels = {}, base = {}, btn = {};
    var steps = items.map(function (li) {
      return {phase: li.getAttribute('data-phase'), focus: li.getAttribute('data-focus').split(' '),
              set: JSON.parse(li.getAttribute('data-set'))};
    });
    // 그림 글자의 처음 내용('처음으로'에서 되돌릴 때)
    all('[data-label]').forEach(function (el) {
      var key = el.getAttribute('data-label');
      labels[key] = el;
      base[key] = el.innerHTML;
    });
    // 단추는 스크립트가 만듭니다: 스크립트가 돌지 않는 곳에 눌러도 안 되는 단추가 없도록
    [['first', '처음으로'], ['prev', '이전'], ['next', '다음']].forEach(function (b) {
      var el = document.createElement('button');
      el.type = 'button';
      el.textContent = b[1];
      el.setAttribute('data-act', b[0]);
      one('.bp-controls').appendChild(el);
      btn[b[0]] = el;
    });
    var live = one('.bp-text'), fig = one('.bp-fig');
    function show(i) {
      k = Math.max(0, Math.min(steps.length - 1, i));
      var key, j, st = steps[k], text = {}, phase = {};
      for (key in base) text[key] = base[key];
      for (j = 0; j <= k; j++) {
        for (key in steps[j].set) { text[key] = steps[j].set[key]; phase[key] = steps[j].phase; }
      }
      for (key in labels) {
        labels[key].innerHTML = text[key];  // SVG 조각(<tspan>): 파이썬이 만든 것
        if (phase[key]) labels[key].setAttribute('data-phase', phase[key]);
        else labels[key].removeAttribute('data-phase');
      }
      all('[data-node],[data-edge]').forEach(function (el) {
        var id = el.getAttribute('data-node') || el.getAttribute('data-edge');
        el.classList.toggle('bp-on', st.focus.indexOf(id) >= 0);
      });
      live.innerHTML = '<p class="bp-count">단계 ' + (k + 1) + ' / ' + steps.length + '</p>' + items[k].innerHTML;
      follow();
      root.setAttribute('data-step', String(k + 1));
      btn.first.setAttribute('aria-disabled', String(k === 0));
      btn.prev.setAttribute('aria-disabled', String(k === 0));
      btn.next.setAttribute('aria-disabled', String(k === steps.length - 1));
    }
    // 좁은 화면에서 그림이 옆으로 넘칠 때, 지금 단계의 노드와 간선이 보이도록 그림 상자를 옮깁니다
    function follow() {
      if (fig.scrollWidth <= fig.clientWidth) return;
      var on = all('.bp-on'), box = fig.getBoundingClientRect(), lo = Infinity, hi = -Infinity;
      on.forEach(function (el) { var r = el.getBoundingClientRect(); lo = Math.min(lo, r.left); hi = Math.max(hi, r.right); });
      if (on.length) fig.scrollLeft += (lo + hi) / 2 - (box.left + box.right) / 2;
    }
    var go = {
      first: function () { show(0); },
      prev: function () { show(k - 1); },
      next: function () { show(k + 1); }
    };
    Object.keys(go).forEach(function (a) { btn[a].addEventListener('click', go[a]); });
    root.addEventListener('keydown', function (ev) {
      var act = {ArrowRight: 'next', ArrowLeft: 'prev', Home: 'first'}[ev.key];
      if (!act || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      go[act]();
    });
    one('.bp-all').open = false;
    live.hidden = false;
    show(0);
  }
  // 자기를 감싼 위젯만(한 페이지에 여럿이어도). currentScript가 없는 곳에서는 아직 안 된 것 모두.
  var me = document.currentScript;
  Array.prototype.forEach.call(me ? [me.parentNode] : document.querySelectorAll('.bp-stepper'), init);
})();
