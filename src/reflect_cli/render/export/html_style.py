"""The HTML summary's page style and policy: printable CSS, and a Content-Security-Policy
that forbids scripts and every request (an image only as inline data)."""

from __future__ import annotations

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1f; max-width: 48rem;
       margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #2a6f97; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .4rem; }
.meta, .voices, .when { color: #555; font-size: .9rem; }
.answer { margin: .3rem 0 .8rem; padding-left: .8rem; border-left: 3px solid #cfe3ee; }
.answer p { margin: 0; white-space: pre-wrap; }
.unanswered { color: #777; font-style: italic; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #ccd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
table.over-time { width: 100%; }
table.over-time td { min-width: 5rem; }
ul.cell { margin: 0; padding-left: 1rem; }
ul.cell li { margin: 0 0 .25rem; }
td:first-child { white-space: nowrap; }
svg.trend, svg.chart { max-width: 100%; height: auto; }  /* many sessions: fit the page */
ul.chosen { margin: 0; padding-left: 1.2rem; }
ul.commitments { list-style: none; padding-left: 0; }
ul.commitments li::before { content: "\\2610  "; }
ul.commitments li.done::before { content: "\\2611  "; }
ul.commitments li.dropped::before { content: "\\2715  "; }
.notice { border: 1px solid #2a6f97; padding: .4rem .6rem; font-size: .9rem; }
.private { background: #fff6e0; padding: .5rem; }
.round { margin: .3rem 0 .8rem; }
.round .headline { font-family: system-ui, sans-serif; font-size: .95rem; margin: 0; }
.round ul { margin: .2rem 0; font-size: .9rem; }
.round .overall { margin: .2rem 0; font-size: .9rem; font-style: italic; }
.differ { border-left: 4px solid #D55E00; background: #fff1e8; padding: .3rem .6rem;
          font-weight: bold; margin: .3rem 0; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; border-top: 1px solid #ccd; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  .answer, .round, tr, li, ol, svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { page-break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
"""
