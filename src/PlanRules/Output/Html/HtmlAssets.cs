namespace PlanRules.Output.Html;

/// <summary>The report's inline style sheet and script: no external fonts, styles or scripts (intranets are often offline).</summary>
internal static class HtmlAssets
{
    /// <summary>
    /// Screen and print styles. Printed: the summary and the unit table on the first page, then the timeline and the
    /// findings by task; each unit's obligations only when the filter has picked a unit.
    /// </summary>
    public const string Css = """
        :root{--done:#2e7d32;--late:#d99a00;--overdue:#c62828;--open:#4f7fc4;--waived:#8d8d8d;--ink:#1f2933;--muted:#5f6b7a;--line:#d8dee6;--band1:#fff4e5;--band2:#fde2cf;--band3:#f9c4c0}
        *{box-sizing:border-box}
        body{margin:0;color:var(--ink);background:#fff;font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;font-size:14px;line-height:1.5}
        header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}
        h1{font-size:22px;margin:18px 0 6px}
        h2{font-size:18px;margin:28px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
        h3{font-size:15px;margin:16px 0 6px}
        h4{font-size:14px;margin:12px 0 4px}.task-title{font-weight:400}
        .meta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0 0 10px;color:var(--muted)}
        .meta div{display:flex;gap:6px}.meta dt{font-weight:600}.meta dd{margin:0}
        .cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
        .card{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:4px;padding:4px 12px;min-width:92px}
        .card .n{display:block;font-size:22px;font-weight:700}.card .l{color:var(--muted);font-size:12px}
        .card.sev-error{border-left-color:var(--overdue)}.card.sev-warning{border-left-color:var(--late)}.card.sev-info{border-left-color:var(--open)}
        .card.s-done{border-left-color:var(--done)}.card.s-late{border-left-color:var(--late)}.card.s-overdue{border-left-color:var(--overdue)}.card.s-open{border-left-color:var(--open)}.card.s-waived{border-left-color:var(--waived)}
        .group-label{font-weight:600;margin:6px 0 0}
        nav.toc{display:flex;gap:14px;margin:6px 0 0}nav.toc a{color:var(--open)}
        table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        table.sortable th{cursor:pointer;user-select:none;background:#f4f6f9;white-space:nowrap}
        table.sortable th[aria-sort=ascending]::after{content:" \25B2"}table.sortable th[aria-sort=descending]::after{content:" \25BC"}
        tr.band1{background:var(--band1)}tr.band2{background:var(--band2)}tr.band3{background:var(--band3)}
        .hint{color:var(--muted);font-size:12px}
        .pill{display:inline-block;border-radius:9px;padding:0 8px;color:#fff;font-size:12px;white-space:nowrap}
        .pill.s-done{background:var(--done)}.pill.s-late{background:var(--late)}.pill.s-overdue{background:var(--overdue)}.pill.s-open{background:var(--open)}.pill.s-waived{background:var(--waived)}
        .legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:0 0 8px;font-size:12px;color:var(--muted)}
        .legend span{display:inline-flex;align-items:center;gap:5px}.sw{display:inline-block;width:18px;height:9px;border-radius:2px}
        .sw.s-done{background:var(--done)}.sw.s-late{background:var(--late)}.sw.s-overdue{background:var(--overdue)}.sw.s-open{background:var(--open)}.sw.s-waived{background:var(--waived)}
        .svg-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:4px}
        svg .s-done{fill:var(--done)}svg .s-late{fill:var(--late)}svg .s-overdue{fill:var(--overdue)}svg .s-open{fill:var(--open)}svg .s-waived{fill:var(--waived)}
        svg .bar.nodue{fill-opacity:.3;stroke-dasharray:3 2;stroke-width:1}
        svg .bar.nodue.s-done{stroke:var(--done)}svg .bar.nodue.s-late{stroke:var(--late)}svg .bar.nodue.s-overdue{stroke:var(--overdue)}svg .bar.nodue.s-open{stroke:var(--open)}svg .bar.nodue.s-waived{stroke:var(--waived)}
        svg .period{stroke:#fff;stroke-width:1.5}svg .done-mark{stroke:#fff;stroke-width:1.2}svg .due-mark{stroke:#fff;stroke-width:1}
        svg .grid line{stroke:#e7ebf0}svg .grid text,svg .axis-note{fill:var(--muted);font-size:11px}
        svg .sec-row{fill:#f4f6f9}svg .sec{font-weight:600;fill:var(--ink)}svg .lbl{fill:var(--ink)}
        svg .dep{fill:none;stroke:#6b7785;stroke-width:1.2}svg .arrowhead{fill:#6b7785}
        svg .asof{stroke:#7b1fa2;stroke-width:1.5;stroke-dasharray:5 3}svg .asof-label{fill:#7b1fa2;font-size:11px}
        .controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;margin:6px 0 10px;padding:8px;background:#f4f6f9;border-radius:4px}
        .controls select{font:inherit;padding:2px 4px}
        .views{display:grid;grid-template-columns:1fr 1fr;gap:0 28px}
        @media (max-width:900px){.views{grid-template-columns:1fr}}
        ul.findings{list-style:none;margin:0;padding:0}
        li.finding{border-left:4px solid var(--line);padding:3px 8px;margin:4px 0;background:#fafbfc}
        li.finding.sev-error{border-left-color:var(--overdue)}li.finding.sev-warning{border-left-color:var(--late)}li.finding.sev-info{border-left-color:var(--open)}
        .fid{font-family:ui-monospace,Consolas,"Courier New",monospace;font-weight:600;margin-right:6px}
        .sev{font-size:12px;color:var(--muted);margin-right:6px}
        .loc{font-size:12px;color:var(--muted)}
        .src{display:block;font-family:ui-monospace,Consolas,"Courier New",monospace;font-size:12px;white-space:pre-wrap;word-break:break-all;color:#37474f;background:#eef1f5;padding:1px 6px;border-radius:3px}
        .unit-block{margin:0 0 14px}.unit-block table{font-size:13px}
        .empty{color:var(--muted)}
        footer{color:var(--muted);font-size:12px;margin:28px auto 20px}
        [hidden]{display:none!important}
        @page{size:A4;margin:12mm}
        @media print{
          body{font-size:9pt;line-height:1.3}
          header,main,footer{max-width:none;padding:0}
          .no-print,nav.toc,.controls,.hint{display:none!important}
          h1{font-size:15pt;margin:0 0 4pt}h2{font-size:12pt;margin:8pt 0 4pt}
          .card{padding:1pt 6pt;min-width:0}.card .n{font-size:12pt}
          #summary,#units{break-inside:avoid-page}
          #units{break-after:page}
          th,td{padding:1pt 4pt}
          #unit-table{font-size:8pt;line-height:1.2}#unit-table th,#unit-table td{padding:0 4pt}
          .cards{margin:2pt 0}.group-label{margin:2pt 0 0}.meta{margin:0 0 4pt}
          tr{break-inside:avoid}
          .svg-wrap{overflow:visible;border:0}svg{max-width:100%;height:auto}
          .views{display:block}
          #by-unit,#by-task>h3{display:none}
          body:not(.unit-filtered) #obligations{display:none}
          li.finding{break-inside:avoid}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """;

    /// <summary>Sorting the unit table on a header click, and the unit and severity filter of findings (plain JavaScript).</summary>
    public const string Script = """
        (function () {
          'use strict';
          var tables = document.querySelectorAll('table.sortable');
          Array.prototype.forEach.call(tables, function (table) {
            var headers = table.tHead.rows[0].cells;
            Array.prototype.forEach.call(headers, function (th, index) {
              th.addEventListener('click', function () {
                var ascending = th.getAttribute('aria-sort') !== 'ascending';
                Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var numeric = th.classList.contains('num');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[index].getAttribute('data-v'), y = b.cells[index].getAttribute('data-v');
                  var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
                  return ascending ? c : -c;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });

          var unit = document.getElementById('filter-unit');
          var severity = document.getElementById('filter-severity');
          var count = document.getElementById('filter-count');
          if (!unit || !severity) return;
          function apply() {
            var u = unit.value, s = severity.value, shown = 0;
            var items = document.querySelectorAll('#by-task li.finding, #by-unit li.finding');
            Array.prototype.forEach.call(items, function (li) {
              var units = (li.getAttribute('data-units') || '').split(' ');
              var visible = (!u || units.indexOf(u) >= 0) && (!s || li.getAttribute('data-severity') === s);
              li.hidden = !visible;
              if (visible && li.closest('#by-task')) shown++;
            });
            Array.prototype.forEach.call(document.querySelectorAll('.finding-group'), function (group) {
              group.hidden = !group.querySelector('li.finding:not([hidden])');
            });
            Array.prototype.forEach.call(document.querySelectorAll('.unit-block'), function (block) {
              block.hidden = !!u && block.getAttribute('data-unit') !== u;
            });
            document.body.classList.toggle('unit-filtered', !!u);
            if (count) count.textContent = count.getAttribute('data-template').replace('{0}', String(shown));
          }
          unit.addEventListener('change', apply);
          severity.addEventListener('change', apply);
          apply();
        })();
        """;
}
