// touyin's own stylesheet and browser script, served by the app itself (no CDN, no build step).

export const css = `
:root { --ink:#1f2a37; --muted:#6b7280; --line:#e5e7eb; --bg:#f5f7fa; --brand:#b91c1c; --ok:#15803d; --warn:#b45309; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color:var(--ink); background:var(--bg); }
a { color:#1d4ed8; text-decoration:none; } a:hover { text-decoration:underline; }
header.top { display:flex; align-items:center; gap:16px; padding:8px 20px; background:#7f1d1d; color:#fff; flex-wrap:wrap; }
header.top .brand { font-weight:700; font-size:18px; color:#fff; }
header.top nav { display:flex; gap:14px; flex-wrap:wrap; }
header.top nav a { color:#fde8e8; } header.top nav a.on { color:#fff; font-weight:700; border-bottom:2px solid #fff; }
header.top .who { margin-left:auto; display:flex; gap:10px; align-items:center; }
header.top button { background:transparent; color:#fff; border:1px solid #fca5a5; border-radius:4px; padding:2px 10px; cursor:pointer; }
main { padding:16px 20px; max-width:1840px; margin:0 auto; }
h1 { font-size:20px; margin:4px 0 12px; } h2 { font-size:16px; margin:0 0 10px; }
.grid { display:grid; gap:12px; }
.kpis { grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); }
.two { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
.kpi .label { color:var(--muted); font-size:12px; } .kpi .value { font-size:22px; font-weight:700; white-space:nowrap; }
.chart { width:100%; height:340px; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { padding:6px 8px; border-bottom:1px solid var(--line); text-align:left; white-space:nowrap; }
th { background:#f9fafb; font-weight:600; } th[data-sort] { cursor:pointer; user-select:none; } th[data-sort]:after { content:" ⇅"; color:#9ca3af; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
tfoot th { border-top:2px solid var(--line); background:#f9fafb; }
.scroll { overflow-x:auto; }
.tag { display:inline-block; white-space:nowrap; padding:0 6px; border-radius:4px; font-size:12px; background:#eef2ff; color:#3730a3; }
.tag.pending { background:#fef3c7; color:#92400e; } .tag.rejected, .tag.dropped, .tag.bad { background:#fee2e2; color:#991b1b; }
.tag.confirmed, .tag.approved, .tag.good { background:#dcfce7; color:#166534; }
form.inline { display:flex; gap:8px; flex-wrap:wrap; align-items:flex-end; }
label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:2px; }
input, select, textarea { font:inherit; padding:5px 8px; border:1px solid #d1d5db; border-radius:4px; background:#fff; color:var(--ink); min-width:0; }
button.primary, button.ok, button.bad { font:inherit; padding:6px 14px; border:0; border-radius:4px; color:#fff; background:var(--brand); cursor:pointer; }
button.ok { background:var(--ok); } button.bad { background:#6b7280; }
.form-grid { display:grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap:10px; }
.msg { margin:8px 0; padding:8px 12px; border-radius:6px; display:none; } .msg.show { display:block; }
.msg.error { background:#fee2e2; color:#991b1b; } .msg.success { background:#dcfce7; color:#166534; } .msg.warn { background:#fef3c7; color:#92400e; }
.timeline { list-style:none; padding:0; margin:0; } .timeline li { padding:6px 0 6px 16px; border-left:3px solid #fca5a5; margin-left:6px; }
.timeline li.old { color:var(--muted); text-decoration:line-through; border-left-color:#e5e7eb; }
/* 推进节点计划: each node's state on its left edge, its baseline, plan, actual and today on one track. */
.nodes { list-style:none; padding:0; margin:0; } .nodes li.node { padding:8px 0 8px 12px; border-left:4px solid #d1d5db; margin:0 0 6px 4px; }
.nodes li.done { border-left-color:var(--ok); } .nodes li.overdue { border-left-color:#dc2626; } .nodes li.due { border-left-color:#f59e0b; }
.node-dates { display:flex; flex-wrap:wrap; gap:4px 14px; font-size:13px; color:var(--muted); margin-top:2px; }
.track { position:relative; height:12px; margin:6px 8px 2px 0; border-bottom:1px dashed #d1d5db; }
.mk { position:absolute; top:1px; width:10px; height:10px; margin-left:-5px; border-radius:50%; display:inline-block; }
.legend .mk { position:static; margin:0 2px 0 8px; vertical-align:middle; }
.mk.baseline { border:2px solid #6b7280; background:#fff; box-sizing:border-box; } .mk.planned { background:var(--brand); }
.mk.actual { background:var(--ok); width:8px; height:8px; top:2px; } .mk.today { width:2px; height:14px; top:-1px; margin-left:-1px; border-radius:0; background:#dc2626; }
.tag.replanned { background:#ede9fe; color:#5b21b6; }
.work { list-style:none; padding:0; margin:0; } .work li { padding:8px 0; border-bottom:1px solid var(--line); line-height:1.7; }
.work li.late { border-left:4px solid #dc2626; padding-left:8px; }
.bar { height:12px; background:#e5e7eb; border-radius:6px; overflow:hidden; } .bar > span { display:block; height:100%; background:var(--ok); }
.muted { color:var(--muted); } .right { text-align:right; }
.login { max-width:360px; margin:10vh auto; }
tr.board-red td { color:#b91c1c; } tr.board-black td { color:#111827; background:#f3f4f6; } td.behind { color:#b45309; }
.tag.board-red { background:#fee2e2; color:#b91c1c; font-weight:700; } .tag.board-black { background:#1f2937; color:#fff; }
th.group { text-align:center; border-bottom:2px solid var(--line); }
/* The 擂台赛 and fund tables carry 本月 and 年度累计 side by side: their long headings wrap so both halves fit a wide screen. */
#units th, #funds th, table.service th { white-space:normal; vertical-align:bottom; min-width:3.5em; }
/* 招商活动: the list's wrapping cells and marks, and the quick form, sized for a thumb (16px text: iOS does not zoom). */
td.wrap { white-space:normal; min-width:8em; max-width:24em; }
.tag.top-led { background:#fee2e2; color:#991b1b; margin-left:4px; } tr:target td { background:#fef9c3; }
a.button { display:inline-block; padding:6px 14px; border-radius:4px; background:#fff; border:1px solid var(--brand); color:var(--brand); }
.quick { max-width:720px; display:flex; flex-direction:column; gap:12px; }
.quick input, .quick select, .quick textarea { font-size:16px; padding:8px 10px; width:100%; }
.quick .kinds { display:grid; grid-template-columns:repeat(3, 1fr); gap:8px; border:0; padding:0; margin:0; min-width:0; }
.quick .kinds legend { font-size:12px; color:var(--muted); padding:0; margin-bottom:4px; }
.quick .kinds label { position:relative; flex-direction:row; align-items:center; justify-content:center; min-height:52px; padding:6px; border:1px solid #d1d5db; border-radius:8px; background:#fff; color:var(--ink); font-size:16px; text-align:center; cursor:pointer; }
.quick .kinds input { position:absolute; opacity:0; width:1px; height:1px; }
.quick .kinds label:has(input:checked) { border:2px solid var(--brand); background:#fee2e2; color:#991b1b; font-weight:700; }
.quick .pair { display:grid; grid-template-columns:1fr 1fr; gap:10px; }
.quick .dest { display:none; } .quick:has(input[name=kind][value=outbound]:checked) .dest { display:flex; }
.quick label.check { flex-direction:row; align-items:center; gap:10px; min-height:44px; font-size:16px; color:var(--ink); }
.quick label.check input { width:24px; height:24px; }
.quick button.big { font-size:17px; padding:12px; width:100%; }
@media (max-width: 640px) { .quick .kinds { grid-template-columns:repeat(2, 1fr); } .quick { padding:10px; }
  /* On a phone each activity is a card of labelled lines, not a table row to scroll sideways. */
  table.activities thead { display:none; } table.activities, table.activities tbody, table.activities tfoot { display:block; }
  table.activities tr { display:block; padding:6px 0; border-bottom:1px solid var(--line); }
  table.activities td, table.activities tfoot th { display:block; border:0; padding:2px 4px; white-space:normal; max-width:none; min-width:0; }
  table.activities td[data-label]:before { content:attr(data-label) "："; color:var(--muted); } table.activities td:empty { display:none; } }
.bulletin h3 { font-size:14px; margin:10px 0 6px; }
/* Printed pages: A4 landscape, each numbered at its foot (第 n 页，共 N 页); type no smaller than 8 pt. */
@page { size: A4 landscape; margin: 12mm 12mm 14mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt; color: #555; } }
.ledger td.arrivals { min-width:24em; } .ledger td.arrivals div + div { margin-top:2px; } .ledger td.date { white-space:nowrap; }
.bulletin .issuer { display:flex; justify-content:space-between; flex-wrap:wrap; gap:4px 24px; margin:4px 0 8px; }
@media print { header.top, .noprint { display:none !important; } body { background:#fff; font-size:8pt; } main { padding:0; max-width:none; }
  .card { border:0; padding:0; break-inside:auto; } .scroll { overflow:visible; } th, td { padding:2px 4px; white-space:normal; }
  thead { display:table-header-group; } tr { break-inside:avoid; } h2, h3 { break-after:avoid; } .bulletin h1 { text-align:center; } a { color:inherit; }
  /* A short section moves whole to the next page rather than leaving its heading and one row at a page's foot. */
  .ledger #ledger tfoot { display:table-row-group; } .ledger td.date { white-space:nowrap; }
  .card.keep { break-inside:avoid; } #units td:nth-child(2), #funds td:first-child { min-width:9em; } }
ul.files { list-style:none; padding:0; margin:4px 0; } ul.files li { padding:3px 0; word-break:break-all; }
form.file-delete { display:inline-flex; margin-left:6px; } form.upload { margin-top:4px; } form.upload input[type=file] { max-width:100%; }
/* A stage date no one entered, reached on a later stage's date (SPEC §4): muted, and said so. */
#reached-dates .implied { color:var(--muted); font-style:italic; } #reached-dates .implied .muted { font-style:normal; }
@media (min-width: 760px) { .form-grid .span2 { grid-column: span 2; } }
.chain-picker input { margin-top:4px; } .chain-picker input[hidden] { display:none; }
/* 业绩与投向: a figure and its 达标/未达标 badge never break or clip; the 阈值 words wrap instead. */
#indicator-table td.num, #indicator-table td:last-child { white-space:nowrap; } #indicator-table td:nth-child(3) { white-space:normal; }
/* 千倍之差 on the 认定 queue: a likely 元/万元 slip, said beside the amount. */
.slip-warning { margin-top:4px; padding:2px 6px; border-radius:4px; background:#fef3c7; color:#92400e; font-size:12px; text-align:left; white-space:normal; min-width:14em; max-width:24em; margin-left:auto; }
button.small { padding:2px 10px; font-size:12px; } .arrival-status .tag { white-space:normal; }
details.upload summary { cursor:pointer; color:#1d4ed8; font-size:13px; } details.upload[open] summary { margin-bottom:4px; }
.evidence-group { border-top:1px solid var(--line); padding:8px 0; } .evidence-group h3 { font-size:14px; margin:0 0 4px; }
/* A table of records that reads as a list of cards on a phone: each cell on its own line, named by its column. */
@media (max-width: 640px) {
  table.cards, table.cards tbody, table.cards tr, table.cards td { display:block; width:100%; }
  table.cards thead { display:none; }
  table.cards tr { border:1px solid var(--line); border-radius:8px; margin:0 0 10px; padding:6px 10px; }
  table.cards tr.empty { border:0; padding:0; }
  table.cards td { border:0; padding:3px 0; white-space:normal; text-align:left; }
  table.cards td[data-label]:before { content:attr(data-label) "："; color:var(--muted); }
  table.cards td.num { text-align:left; }
  .scroll:has(> table.cards) { overflow-x:visible; }
  /* A card's two-column table of facts (a project's 基本信息) wraps its long values instead of widening the page. */
  .two .card > table td { white-space:normal; word-break:break-word; }
}
/* 调度: the item and project columns wrap (on a phone its table reads as cards, above). */
table.dispatch td.what { white-space:normal; min-width:10em; }
@media (max-width: 640px) { main { padding:10px; } .two { grid-template-columns: 1fr; } .chart { height:280px; } .kpi .value { font-size:18px; } }
`;

export const script = `
(function () {
  var csrf = document.querySelector('meta[name="csrf"]');
  csrf = csrf ? csrf.getAttribute('content') : '';
  function show(box, kind, text) { if (!box) { alert(text); return; } box.className = 'msg show ' + kind; box.textContent = text; }
  function setPath(obj, path, value) {
    var keys = path.split('.'); var o = obj;
    for (var i = 0; i < keys.length - 1; i++) { o = o[keys[i]] = o[keys[i]] || {}; }
    o[keys[keys.length - 1]] = value;
  }
  // A 万元 amount as typed (1.5, 3000.00005, 1,234, full-width digits) → 元 as the API's exact decimal string
  // ("15000", "30000000.5"): the decimal point moves 4 places by hand, never through a float. Null when it is not such
  // a number or is finer than the fen (more than 6 decimals of 万元).
  function wanToYuan(text) {
    var s = text.normalize ? text.normalize('NFKC') : text;
    if (/^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$/.test(s)) s = s.replace(/,/g, '');
    var m = /^([0-9]+)(?:[.]([0-9]{1,6}))?$/.exec(s);
    if (!m) return null;
    var frac = ((m[2] || '') + '000000').slice(0, 6);
    var yuan = (m[1] + frac.slice(0, 4)).replace(/^0+(?=[0-9])/, '');
    var fen = frac.slice(4).replace(/0+$/, '');
    return fen ? yuan + '.' + fen : yuan;
  }
  window.touyinWanToYuan = wanToYuan;
  // The JSON body of a form, and the first amount field that is not a 万元 number (then nothing is posted).
  function bodyOf(form) {
    var out = {}; var bad = null;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      var t = el.getAttribute('data-type');
      if (el.type === 'checkbox') { setPath(out, el.name, el.checked); return; }
      if (el.type === 'radio' && !el.checked) return;
      // A multiple select gives its chosen values, a "lines" field one value a line (or 、-separated); data-wrap puts
      // each in an object under that key, with data-extra's fields; two fields of one name add to one list.
      var v = el.multiple
        ? Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; })
        : el.value.trim();
      if (t === 'lines') v = v.split(/[\\n、；;]+/).map(function (x) { return x.trim(); }).filter(Boolean);
      if (v === '' || (Array.isArray(v) && v.length === 0)) return;
      if (el.getAttribute('data-other') && v === '__other__') return;
      if (t === 'int') v = Number(v);
      if (t === 'ints') v = v.map(Number);
      if (t === 'wan') { v = wanToYuan(v); if (v === null) { bad = bad || el; return; } }
      var wrap = el.getAttribute('data-wrap');
      if (wrap) {
        var extra = JSON.parse(el.getAttribute('data-extra') || '{}');
        v = v.map(function (x) { var o = {}; o[wrap] = x; Object.keys(extra).forEach(function (k) { o[k] = extra[k]; }); return o; });
      }
      var had = out[el.name];
      setPath(out, el.name, Array.isArray(had) && Array.isArray(v) ? had.concat(v) : v);
    });
    return { body: out, bad: bad };
  }
  function labelOf(el) {
    // The label's own words, not the options of a select inside it.
    var label = el.closest('label');
    if (!label) return el.title || el.name;
    var words = Array.prototype.filter.call(label.childNodes, function (n) { return n.nodeType === 3; }).map(function (n) { return n.textContent; }).join('');
    return words.replace(/[*]/g, '').trim() || el.title || el.name;
  }
  window.touyinApi = function (method, path, body, key, version) {
    var headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    if (key) headers['idempotency-key'] = key;
    // The version the page was drawn from: a record someone changed since is refused (412), never overwritten.
    if (version) headers['if-match'] = '"' + version + '"';
    return fetch(path, { method: method, credentials: 'same-origin', headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); });
  };
  // A field of the form by the API's path of it (investorFundId, company.name): its label, as the clerk reads it.
  function fieldName(form, path) {
    var el = path && form.querySelector('[name="' + path + '"]');
    return el ? labelOf(el) : null;
  }
  function describe(res, form) {
    var e = res.body && res.body.error;
    if (!e) return '操作失败（' + res.status + '）';
    var s = e.message;
    var named = (e.issues || []).map(function (i) { var f = fieldName(form, i.path); return f ? f + '：' + i.message : null; });
    if (named.length && named.every(Boolean)) s = '请检查：' + named.join('；');
    if (res.body.existingId) s += '（已有项目：#' + res.body.existingId + '）';
    return s;
  }
  // What a form just recorded, in its own words: "：金额（万元）4000；实缴日期 2026-02-01".
  function recorded(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === 'hidden' || el.type === 'checkbox') return;
      var v = el.tagName === 'SELECT' ? (el.value ? el.options[el.selectedIndex].text : '') : el.value.trim();
      if (v) parts.push(labelOf(el) + ' ' + v);
    });
    return parts.length ? '：' + parts.join('；') : '';
  }
  try {
    var done = JSON.parse(sessionStorage.getItem('touyin-done') || 'null');
    sessionStorage.removeItem('touyin-done');
    var doneForm = done && document.getElementById(done.form);
    if (doneForm) { show(doneForm.querySelector('.msg'), 'success', done.text); if (doneForm.closest('details')) doneForm.closest('details').open = true; }
  } catch (e) {}
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    var path = form.getAttribute('data-api');
    if (!path) return;
    ev.preventDefault();
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) return;
    var parts = bodyOf(form);
    var body = parts.body;
    var missing = null;
    path = path.replace(/[{]([A-Za-z]+)[}]/g, function (_, k) { var v = body[k]; delete body[k]; if (v === undefined) missing = k; return encodeURIComponent(v); });
    var box = form.querySelector('.msg') || document.getElementById(form.getAttribute('data-msg') || '');
    var button = form.querySelector('button[type=submit]');
    if (missing) { var field = form.querySelector('[name=' + missing + ']'); show(box, 'error', '请先选择' + ((field && field.title) || missing)); return; }
    if (parts.bad) { show(box, 'error', labelOf(parts.bad) + '应为数字，单位万元，最多 6 位小数（精确到分），如 1.5 或 3000'); parts.bad.focus(); return; }
    if (button) button.disabled = true;
    // The same record sent again (a second click, or the same values after the page reloaded) carries the same
    // Idempotency-Key: the API answers the first answer again and records nothing twice.
    var method = form.getAttribute('data-method') || 'POST';
    var sent = method + ' ' + path + ' ' + JSON.stringify(body);
    var keys = {}; try { keys = JSON.parse(sessionStorage.getItem('touyin-keys') || '{}'); } catch (e) {}
    var again = method === 'POST' && Object.prototype.hasOwnProperty.call(keys, sent);
    var key = method === 'POST' ? (again ? keys[sent] : 'form-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2)) : null;
    touyinApi(method, path, body, key, form.getAttribute('data-if-match')).then(function (res) {
      if (button) button.disabled = false;
      if (res.status >= 200 && res.status < 300) {
        if (key) { keys[sent] = key; try { sessionStorage.setItem('touyin-keys', JSON.stringify(keys)); } catch (e) {} }
        var go = form.getAttribute('data-then');
        var text = (form.getAttribute('data-ok') || '已保存') + (again ? '（与刚才提交的相同，未重复记录）' : '') + recorded(form);
        show(box, 'success', text);
        if (go) { location.href = go.replace(':id', res.body && res.body.id); } else if (form.hasAttribute('data-reload')) {
          // The page reloads to show the record in its lists: the message stays, in the same form.
          if (form.id) { try { sessionStorage.setItem('touyin-done', JSON.stringify({ form: form.id, text: text })); } catch (e) {} }
          location.reload();
        }
      } else {
        show(box, 'error', describe(res, form));
      }
    }, function () { if (button) button.disabled = false; show(box, 'error', '网络错误，请重试'); });
  });
  // 佐证材料: a file posted as multipart to /api/files with its record (subject); a file over 20 MB is refused here
  // before it is sent, any other refusal (type by content, empty, a path as name) is the API's Chinese message.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute('data-upload')) return;
    ev.preventDefault();
    var box = form.querySelector('.msg'); var button = form.querySelector('button[type=submit]');
    var input = form.querySelector('input[type=file]'); var file = input && input.files && input.files[0];
    if (!file) { show(box, 'error', '请先选择要上传的文件'); return; }
    if (file.size > 20 * 1024 * 1024) { show(box, 'error', '文件过大（每个文件上限 20 MB），请压缩或拆分后再上传'); return; }
    if (button) button.disabled = true;
    show(box, 'success', '正在上传…');
    fetch('/api/files', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf }, body: new FormData(form) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        if (button) button.disabled = false;
        if (res.status === 201) {
          var text = '已上传：' + res.body.name;
          if (form.id) { try { sessionStorage.setItem('touyin-done', JSON.stringify({ form: form.id, text: text })); } catch (e) {} }
          show(box, 'success', text); location.reload();
        } else {
          show(box, 'error', (res.body.error && res.body.error.message) || ('上传失败（' + res.status + '）'));
        }
      }, function () { if (button) button.disabled = false; show(box, 'error', '网络错误，请重试'); });
  });
  // A picker with an 其他 option (data-other names the field beside it): 其他 shows that field and sends it instead.
  document.addEventListener('change', function (ev) {
    var pick = ev.target;
    var other = pick.getAttribute && pick.getAttribute('data-other') && document.getElementById(pick.getAttribute('data-other'));
    if (!other) return;
    var typed = pick.value === '__other__';
    other.disabled = !typed; other.hidden = !typed; other.required = typed;
    if (typed) other.focus();
  });
  document.addEventListener('click', function (ev) {
    var th = ev.target.closest && ev.target.closest('th[data-sort]');
    if (!th) return;
    var table = th.closest('table'); var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute('data-dir') !== 'asc'; th.setAttribute('data-dir', asc ? 'asc' : 'desc');
    var body = table.tBodies[0]; var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[idx].getAttribute('data-v') || a.cells[idx].textContent; var y = b.cells[idx].getAttribute('data-v') || b.cells[idx].textContent;
      var nx = Number(x), ny = Number(y);
      var c = (!isNaN(nx) && !isNaN(ny) && x !== '' && y !== '') ? nx - ny : String(x).localeCompare(String(y), 'zh');
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
  // The spreadsheet imports (projects; distributions and NAV reports): upload progress from XHR, then row-level
  // problems or the counts written. Each form posts to its data-import URL and reports in its own card.
  document.querySelectorAll('form[data-import]').forEach(function (importForm) {
    importForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var dry = ev.submitter && ev.submitter.value === 'check';
      var card = importForm.closest('.card');
      var bar = card.querySelector('progress'); var box = card.querySelector('.msg');
      var table = card.querySelector('table'); var tbody = table.tBodies[0];
      tbody.innerHTML = ''; table.style.display = 'none'; bar.style.display = 'block'; bar.value = 0;
      show(box, 'success', '正在上传…');
      var data = new FormData(importForm);
      var xhr = new XMLHttpRequest();
      var query = [];
      if (dry) query.push('dryRun=1');
      importForm.querySelectorAll('input[data-query]').forEach(function (box) { if (box.checked) { query.push(box.name + '=1'); data.delete(box.name); } });
      xhr.open('POST', importForm.getAttribute('data-import') + (query.length ? '?' + query.join('&') : ''));
      xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(e.loaded / e.total * 90); } };
      xhr.upload.onload = function () { bar.value = 90; show(box, 'success', '上传完成，正在逐行校验' + (dry ? '' : '并写入') + '…'); };
      var problemRows = function (list) {
        list.forEach(function (p) {
          var tr = document.createElement('tr');
          [p.row, p.column, p.message].forEach(function (v) { var td = document.createElement('td'); td.textContent = v === undefined ? '' : String(v); tr.appendChild(td); });
          tbody.appendChild(tr);
        });
        if (tbody.rows.length) table.style.display = 'table';
      };
      xhr.onload = function () {
        bar.value = 100;
        var body = {}; try { body = JSON.parse(xhr.responseText); } catch (e) {}
        if (xhr.status === 200 || xhr.status === 201) {
          var counts = body.activities !== undefined ? '新增 ' + body.activities + ' 次招商活动' : body.nodes !== undefined
            ? body.nodes + ' 个推进节点（' + body.projects + ' 个项目）'
            : body.projects !== undefined
            ? body.projects + ' 个项目、' + body.companies + ' 家新企业、' + body.milestones + ' 条进展、' + body.arrivals + ' 笔到资'
            : '新增 ' + body.distributions + ' 笔分配、' + body.valuations + ' 份估值，修改 ' + body.updated + ' 条，未变 ' + body.unchanged + ' 条';
          var repeated = body.duplicates || [];
          if (repeated.length) counts += '；其中 ' + repeated.length + ' 行与已有记录或表中前面的行完全相同（见下表）' + (dry ? '，导入时须勾选“确认重复记录”' : '，已按确认写入');
          var warned = body.warnings || [];
          if (warned.length) counts += '；另有 ' + warned.length + ' 处金额与相邻行或计划总投资相差千倍以上（见下表），请核对单位是否为万元';
          show(box, warned.length ? 'warn' : 'success', (dry ? '校验通过，可导入：' : '已导入：') + counts);
          problemRows(repeated.concat(warned));
        } else {
          show(box, 'error', (body.error && body.error.message) || ('导入失败（' + xhr.status + '）'));
          problemRows(body.rows || []);
        }
      };
      xhr.onerror = function () { show(box, 'error', '网络错误，请重试'); };
      xhr.send(data);
    });
  });

  window.touyinCharts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    if (!window.echarts) return;
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-chart')).textContent);
    (spec.series || []).forEach(function (s) {
      // Sankey nodes are keyed by id (fund:12, stage:signed); a link's tooltip names them by their labels.
      if (s.type !== 'sankey') return;
      var label = {}; (s.data || []).forEach(function (n) { label[n.id] = n.name; });
      // ECharts names a node by its id when it has one: each label and tooltip says the node's own name instead.
      var named = function (p) { return label[p.data.id] || p.name; };
      s.tooltip = { formatter: function (p) {
        return p.dataType === 'edge' ? label[p.data.source] + ' → ' + label[p.data.target] + '：' + p.value : named(p) + '：' + p.value;
      } };
      // On a narrow screen a long fund name wraps within its column instead of running off the chart.
      var narrow = el.clientWidth < 640;
      var column = Math.floor(el.clientWidth * 0.22);
      s.label = Object.assign({}, s.label, { formatter: named, width: column, overflow: 'break', fontSize: narrow ? 10 : 12 });
      if (narrow) { s.left = 4; s.right = 44; }
    });
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () { el.setAttribute('data-rendered', '1'); });
    chart.setOption(Object.assign({ animation: false }, spec));
    window.touyinCharts.push(chart);
  });
  window.addEventListener('resize', function () { window.touyinCharts.forEach(function (c) { c.resize(); }); });
})();
`;
