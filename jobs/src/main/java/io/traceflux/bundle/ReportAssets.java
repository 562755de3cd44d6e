package io.traceflux.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The report's only style sheet and script, inline, and the Content-Security-Policy that admits
 * exactly them (by SHA-256) and nothing else: no network, no other script, no injected handler.
 * The script runs in the head, before any content, so it sees every violation. On the root
 * element it records how many resources the page requested ({@code data-resources}, from the
 * Resource Timing API, which lists blocked requests too) and how many policy violations
 * occurred ({@code data-csp-violations}), so a headless browser can prove that opening the
 * report made no request. {@code report.html#panel-N} opens incident N's member panel.
 */
final class ReportAssets {

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1160px;\
            padding:16px 24px;color:#1d2330;background:#fff}
            h1{font-size:22px;margin:4px 0}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #dde1ea}
            h3{font-size:15px;margin:16px 0 6px}
            .verdict{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600}
            .verdict.pass{background:#e3f4e6;color:#1b5e20}.verdict.fail{background:#fde4e4;color:#b71c1c}
            .verdict.none{background:#eceff4;color:#37474f}
            dl.facts{display:grid;grid-template-columns:130px 1fr;gap:2px 12px;margin:8px 0}
            dl.facts dt{font-weight:600;color:#4a5468}dl.facts dd{margin:0;overflow-wrap:anywhere}
            .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
            .figure{border:1px solid #dde1ea;border-radius:6px;padding:6px 10px}
            .figure .label{display:block;font-size:12px;color:#5b6475}.figure .value{font-size:18px;font-weight:600}
            table{border-collapse:collapse;margin:6px 0 10px;font-size:12.5px}
            th,td{border:1px solid #dde1ea;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#f3f5f9}td.pass{color:#1b5e20;font-weight:600}td.fail{color:#b71c1c;font-weight:700}
            .note{color:#5b6475;font-style:italic}
            .callout{background:#fff7e0;border-left:4px solid #f0b400;padding:8px 12px}
            .scroll{overflow-x:auto}
            svg text{font:11px system-ui,sans-serif;fill:#37474f}svg text.lane{font-weight:600}
            svg .tick{stroke:#eef0f4}svg .lane-sep{stroke:#dde1ea}svg .window{stroke:#263238;stroke-dasharray:4 3}
            rect.bar{cursor:pointer;stroke:#263238;stroke-width:.5}rect.bar.selected{stroke-width:2.5}
            .c-EXACT{fill:#43a047;background:#43a047}.c-CHANGED{fill:#fb8c00;background:#fb8c00}
            .c-SPLIT{fill:#8e24aa;background:#8e24aa}.c-MERGED{fill:#3949ab;background:#3949ab}
            .c-RESHAPED{fill:#6d4c41;background:#6d4c41}.c-MISSING{fill:#e53935;background:#e53935}
            .c-NEW{fill:#1e88e5;background:#1e88e5}.c-UNCOMPARED{fill:#90a4ae;background:#90a4ae}
            .legend svg.legend-mark{margin:0 4px 0 12px;vertical-align:-1px}
            .legend span.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;\
            vertical-align:-2px}
            .k-page{fill:#b71c1c;stroke:#b71c1c}.k-ticket{fill:#f9a825;stroke:#f9a825}
            .k-runbook{fill:#00897b;stroke:#00897b}.k-notify{fill:#5e35b1;stroke:#5e35b1}
            circle.mark{stroke:#fff;stroke-width:1.2}circle.held{fill:#fff!important;stroke-width:1.6}
            circle.held.k-page{stroke:#b71c1c}circle.held.k-ticket{stroke:#f9a825}
            circle.held.k-runbook{stroke:#00897b}circle.held.k-notify{stroke:#5e35b1}
            line.shift{stroke-width:2.5;stroke-dasharray:3 2}line.shift.later{stroke:#b71c1c}
            line.shift.earlier{stroke:#2e7d32}
            .panel{border:1px solid #dde1ea;border-radius:6px;padding:8px 12px;margin-top:8px;background:#fafbfd}
            """;

    static final String SCRIPT = """
            (function () {
              var root = document.documentElement;
              var violations = 0;
              root.setAttribute('data-csp-violations', '0');
              document.addEventListener('securitypolicyviolation', function () {
                violations += 1;
                root.setAttribute('data-csp-violations', String(violations));
              });
              function show(id) {
                var panels = document.querySelectorAll('.panel');
                for (var i = 0; i < panels.length; i++) { panels[i].hidden = panels[i].id !== id; }
                var bars = document.querySelectorAll('rect.bar');
                for (var j = 0; j < bars.length; j++) {
                  bars[j].classList.toggle('selected', bars[j].getAttribute('data-panel') === id);
                }
              }
              document.addEventListener('DOMContentLoaded', function () {
                var linked = location.hash.slice(1);
                if (/^panel-[0-9]+$/.test(linked) && document.getElementById(linked)) { show(linked); }
                var svg = document.getElementById('timeline-svg');
                if (!svg) { return; }
                svg.addEventListener('click', function (e) {
                  var id = e.target.getAttribute && e.target.getAttribute('data-panel');
                  if (id) { show(id); }
                });
                svg.addEventListener('keydown', function (e) {
                  var id = e.target.getAttribute && e.target.getAttribute('data-panel');
                  if (id && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); show(id); }
                });
              });
              window.addEventListener('load', function () {
                root.setAttribute('data-resources', String(performance.getEntriesByType('resource').length));
              });
            })();
            """;

    static final String CSP = "default-src 'none'; style-src '" + hash(CSS) + "'; script-src '" + hash(SCRIPT)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private ReportAssets() {
    }

    /** A CSP source expression for an inline block: {@code sha256-<base64>}. */
    static String hash(String inline) {
        return "sha256-" + Base64.getEncoder().encodeToString(
                Sha256.digest().digest(inline.getBytes(StandardCharsets.UTF_8)));
    }
}
