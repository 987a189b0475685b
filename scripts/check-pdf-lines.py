#!/usr/bin/env python3
"""Checks Chinese line breaking in zhprint's PDFs over a corpus (typography spec §H3),
from the PDF text as `pdftotext -bbox-layout` (poppler-utils) reads it.

    scripts/check-pdf-lines.py [--bin target/release/zhprint] [--corpus ../shared/corpus]
                               [--keep DIR] [--lone-lines keep|mend|never] [-v]

Every page of the corpus (`<corpus>/<name>/source.html`) is converted to PDF, then:

* no line starts with a closing or pause mark (、，。；：？！ ” ’ ） 》 〉 】 〕 ］ ｝ 」 』 〗,
  a single — , ～ · ／ % ‰ ℃ °, half-width , . ; : ? ! ) ] }) and none ends with an
  opening mark (“ ‘ （ 《 〈 【 〔 ［ ｛ 「 『 〖) or a prefix (¥ $ £ №);
* —— and …… are never split, nor a number (digit | digit);
* the PDF's text equals the document's (`zhprint extract`) apart from line breaks and
  white space, the source and date line under the title, list markers and page numbers.

Exit status 1 if anything is found. The report names the page, the PDF page and line.
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter

NS = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM  # the type area's edges
INDENT = 2 * 15.79  # a paragraph's first line: two 字 in
BOTTOM = (37 + 225) * MM  # the type area's lower edge; below it only the page number

NOT_START = set("、，。；：？！”’）》〉】〕］｝」』〗～·／%‰℃°,.;:?!)]}")
NOT_END = set("“‘（《〈【〔［｛「『〖¥$£№")
# The widest gap (pt) between two words of one line (a loose justified line has gaps of
# 10 pt and more); table cells further apart count as lines of their own.
WORD_GAP = 24


def bbox(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    return ET.fromstring(xml)


def pdf_lines(root):
    """[(page, [(x0, x1, line text)])]: words of one baseline that touch, left to right."""
    out = []
    for n, page in enumerate(root.iter(NS + "page"), 1):
        words = []
        for w in page.iter(NS + "word"):
            y0, y1 = float(w.get("yMin")), float(w.get("yMax"))
            if y0 > BOTTOM:
                continue  # the page number
            words.append(((y0 + y1) / 2, float(w.get("xMin")), float(w.get("xMax")),
                          w.text or ""))
        rows = []
        for w in sorted(words):
            if rows and abs(w[0] - rows[-1][0]) < 5:
                rows[-1][1].append(w)
            else:
                rows.append((w[0], [w]))
        lines = []
        for _, ws in rows:
            ws.sort(key=lambda w: w[1])
            start, end, text = ws[0][1], ws[0][2], ws[0][3]
            for w in ws[1:]:
                if w[1] - end > WORD_GAP:
                    lines.append((start, end, text))
                    start, text = w[1], ""
                text += w[3]
                end = max(end, w[2])
            lines.append((start, end, text))
        out.append((n, lines))
    return out


def pdf_text(root):
    """The PDF's text in pdftotext's reading order, page numbers left out. (Plain
    `pdftotext` joins a word hyphenated at a line end and drops the hyphen.)"""
    words = []
    for page in root.iter(NS + "page"):
        for w in page.iter(NS + "word"):
            if float(w.get("yMin")) <= BOTTOM:
                words.append(w.text or "")
    return "".join(words)


def url_like(s):
    return bool(re.search(r"(://|www\.|\.(cn|com|org|net|gov)\b|/[A-Za-z0-9_]+$)", s))


def kinsoku(pages):
    """Findings: (pdf page, line number, what). A paragraph's own first character (its
    line starts two 字 in) is the source's text, not a break the renderer chose."""
    found = []
    flat = [(n, i, l) for n, lines in pages for i, l in enumerate(lines, 1) if l[2]]
    for k, (n, i, (x0, _, line)) in enumerate(flat):
        prev_x1, prev = (flat[k - 1][2][1], flat[k - 1][2][2]) if k else (0, "")
        # A line the renderer wrapped: the previous one ran to the right edge, and this
        # one starts at the left edge.
        wrapped = prev_x1 >= RIGHT - 2 and abs(x0 - LEFT) < 1
        first, last = line[0], line[-1]
        if first in NOT_START and not (first in ".?" and url_like(prev)):
            # A URL or domain may break before . ? & - (spec §H3).
            if wrapped or abs(x0 - LEFT - INDENT) > 1:
                found.append((n, i, f"starts with {first!r}: {line[:12]}"))
        if first == "—" and not line.startswith("——") and not latin(prev[-1:] + line[1:2]):
            found.append((n, i, f"starts with a single '—': {line[:12]}"))
        if last in NOT_END:
            found.append((n, i, f"ends with {last!r}: …{line[-12:]}"))
        if wrapped and prev[-1] + first in ("——", "……"):
            found.append((n, i, f"splits {prev[-1] + first!r}: …{prev[-6:]} | {line[:6]}"))
        if wrapped and prev[-1].isdigit() and first.isdigit():
            found.append((n, i, f"splits a number: …{prev[-6:]} | {line[:6]}"))
    return found


def latin(s):
    """English text around a dash: there an em dash may start a line."""
    return bool(s) and all(c.isascii() for c in s)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def text_diff(root, doc_lines, meta):
    """Differences between the PDF's text and the document's, white space aside.
    Characters no font has (reported as warnings when converting) do not count."""
    got = squeeze(pdf_text(root))
    for part in ("来源：" + (meta.get("source") or ""), "发布日期："):
        got = got.replace(squeeze(part), "", 1)
    want = squeeze("".join(doc_lines))
    # Private-use characters: no font has them, and the run's warnings name them.
    pua = lambda s: "".join(c for c in s if not 0xE000 <= ord(c) <= 0xF8FF)
    want, got = pua(want), pua(got)
    if got == want:
        return []
    out = []
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            continue
        extra = got[b0:b1]
        # List markers and the date the meta line writes out are the template's own.
        if op == "insert" and re.fullmatch(r"(•|‣|–|\d+\.|\d{4}年\d{1,2}月\d{1,2}日)+", extra):
            continue
        out.append(f"{op}: doc {want[a0:a1][:40]!r} → pdf {extra[:40]!r}")
    if out and Counter(want) == Counter(got):
        # Same characters, other order: table cells, which pdftotext reads by position.
        return []
    return out


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "zhprint"))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--keep", help="write the PDFs here instead of a temporary directory")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--lone-lines", default="keep", help="passed to zhprint convert")
    args = ap.parse_args()

    names = sorted(d for d in os.listdir(args.corpus)
                   if os.path.isfile(os.path.join(args.corpus, d, "source.html")))
    work = args.keep or tempfile.mkdtemp(prefix="zhprint-lines-")
    inputs = os.path.join(work, "in")
    os.makedirs(inputs, exist_ok=True)
    for name in names:
        link = os.path.join(inputs, name + ".html")
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(args.corpus, name, "source.html")), link)
    out = os.path.join(work, "out")
    subprocess.run([args.bin, "convert", inputs, "-o", out, "--format", "pdf", "--quiet",
                    "--lone-lines", args.lone_lines])

    total_lines = problems = 0
    for name in names:
        pdf = os.path.join(out, name + ".pdf")
        if not os.path.exists(pdf):
            print(f"{name}: no PDF")
            problems += 1
            continue
        src = os.path.join(inputs, name + ".html")
        doc_lines = run([args.bin, "extract", src, "--title"]).stdout.splitlines()
        meta = json.loads(run([args.bin, "extract", src, "--format", "json"]).stdout)["meta"]
        root = bbox(pdf)
        pages = pdf_lines(root)
        total_lines += sum(len(lines) for _, lines in pages)
        found = kinsoku(pages)
        diffs = text_diff(root, doc_lines, meta)
        problems += len(found) + len(diffs)
        if found or diffs or args.verbose:
            print(f"{name}: {len(pages)} pages, {len(found)} line-break findings, "
                  f"{len(diffs)} text differences")
        for n, i, what in found:
            print(f"  page {n} line {i}: {what}")
        for d in diffs[:10]:
            print(f"  {d}")
    print(f"{len(names)} pages, {total_lines} PDF lines: {problems} findings")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
