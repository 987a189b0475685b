#!/usr/bin/env python3
"""Check the DOCX edition the way a Linux reader meets it: through LibreOffice.

For every page (default: ../shared/corpus/*/source.html and input/*.html) this
  1. writes the DOCX with `zhprint convert --format docx` and checks that every
     part of it is well-formed XML;
  2. converts it to PDF with `soffice --headless --convert-to pdf` (one batch);
  3. compares the PDF's text (pdftotext) with the document's text: `zhprint
     extract --format json`, shown as the DOCX shows it (title, the source and
     date line, list labels), whitespace ignored; a mismatch whose characters
     are all there is reported as "reordered" (pdftotext reading table cells
     column-wise), anything else as "differs" with the first difference;
  4. compares the PDF's bookmarks (qpdf --json) with the headings, nested by level;
  5. names the CJK face that sets most Han characters (pdftohtml -xml) and
     whether it is a serif;
  6. draws the PDF's pages (pdftoppm, 10 dpi) and reports any error poppler
     prints: a font LibreOffice could not re-embed leaves its text undrawn.

Usage: scripts/check-docx.py [PAGE_OR_DIR ...] [--zhprint BIN] [--keep DIR]
       [--fontconfig FILE] [--docx-fonts SPEC] [--reference-docx FILE] [--quiet]
  --fontconfig FILE   run LibreOffice with FONTCONFIG_FILE=FILE (e.g.
                      scripts/fontconfig-zh-office.conf, which maps the Chinese
                      office font names to installed faces)
Exit status 0 when every page converts, its text equals and its bookmarks
match and its pages draw without error; the body face is reported, not enforced
(it depends on the machine's fonts and fontconfig).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u3400-\u9fff]")
# pdftotext drops the spaces of "— 1 —".
PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def pages(args):
    if not args:
        corpus = ROOT.parent / "shared" / "corpus"
        found = sorted(corpus.glob("*/source.html")) + sorted((ROOT / "input").glob("*.html"))
        return found
    out = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.htm*")) if p.is_dir() else [p]
    return out


def name_of(page):
    # Corpus pages are all called source.html: name them after their folder.
    return page.parent.name if page.stem == "source" else page.stem


def plain(inlines):
    out = []
    for i in inlines:
        t = i["type"]
        if t == "text":
            out.append(i["text"])
        elif t == "line_break":
            out.append("\n")
        else:
            out.append(plain(i["content"]))
    return "".join(out)


def shown_blocks(blocks, out, headings, labels=True):
    """The text the DOCX shows, block by block, and the headings with levels;
    without `labels`, list items come without their numbers and bullets."""
    for b in blocks:
        t = b["type"]
        if t in ("heading", "paragraph"):
            text = plain(b["content"])
            if text.strip():
                out.append(text)
                if t == "heading":
                    headings.append((max(1, min(6, b["level"])), text))
        elif t == "list":
            items = [plain(i) for i in b["items"]]
            items = [i for i in items if i.strip()]
            for n, item in enumerate(items, 1):
                label = (f"{n}." if b["ordered"] else "●") if labels else ""
                out.append(label + item)
        elif t == "table":
            for row in b["rows"]:
                out.extend(plain(c["content"]) for c in row["cells"])
        elif t == "image":
            out.append(b["caption"] if b.get("caption") is not None else b["alt"])
        elif t == "quote":
            shown_blocks(b["blocks"], out, headings, labels)


def meta_line(meta):
    parts = []
    if (meta.get("source") or "").strip():
        parts.append("来源：" + meta["source"].strip())
    date = (meta.get("date") or "").strip()
    if date:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
        shown = f"{int(m[1])}年{int(m[2])}月{int(m[3])}日" if m else date
        parts.append("发布日期：" + shown)
    return "\u3000".join(parts)


def squeeze(text):
    # Whitespace (including U+3000) never decides equality; ligatures are split;
    # private-use characters (mis-decoded pages) have no glyph in any font and
    # so no text in the PDF.
    text = "".join(unicodedata.normalize("NFKC", c) if "\ufb00" <= c <= "\ufb06" else c for c in text)
    text = re.sub("[\ue000-\uf8ff]", "", text)
    return re.sub(r"\s+", "", text)


def first_difference(a, b):
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {n}: want …{a[max(0, n - 15):n + 25]}… got …{b[max(0, n - 15):n + 25]}…"


def outline(pdf):
    out = subprocess.run(["qpdf", "--json", "--json-key=outlines", str(pdf)],
                         capture_output=True, text=True)
    if out.returncode not in (0, 3):
        return None
    flat = []

    def walk(items, depth):
        for item in items:
            flat.append((depth, squeeze(item.get("title", ""))))
            walk(item.get("kids", []), depth + 1)

    walk(json.loads(out.stdout).get("outlines", []), 1)
    return flat


def expected_outline(headings):
    """Depths as a reader nests them: under the last heading of a higher level."""
    stack, flat = [], []
    for level, text in headings:
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        flat.append((len(stack), squeeze(text)))
    return flat


def body_face(pdf, head):
    """The font setting most Han characters outside the title and the source and
    date line (`head`), by pdftohtml's font specs; None for a body with fewer
    than 20 Han characters (a Western page)."""
    out = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)],
                         capture_output=True, text=True)
    specs = dict(re.findall(r'<fontspec id="(\d+)" size="[^"]*" family="([^"]*)"', out.stdout))
    count = {}
    for font, text in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', out.stdout):
        text = re.sub(r"<[^>]+>", "", text)
        if squeeze(text) and squeeze(text) in head:
            continue
        fam = specs.get(font, "?")
        count[fam] = count.get(fam, 0) + len(HAN.findall(text))
    if not count or max(count.values()) < 20:
        return None
    return max(count, key=count.get)


def is_serif(face):
    return bool(re.search(r"serif|song|ming|fangsong|仿宋|宋", face, re.I)) and "sans" not in face.lower()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def header_footer_texts(docx):
    """The paragraph texts of a Word file's headers and footers, squeezed."""
    texts = []
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                root = ET.fromstring(z.read(name))
                for p in root.iter(W + "p"):
                    text = squeeze("".join(t.text or "" for t in p.iter(W + "t")))
                    if text:
                        texts.append(text)
    return texts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--zhprint", default=str(ROOT / "target" / "release" / "zhprint"))
    ap.add_argument("--keep")
    ap.add_argument("--fontconfig")
    ap.add_argument("--docx-fonts", help="passed to zhprint convert")
    ap.add_argument("--reference-docx", help="passed to zhprint convert")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    reference_texts = header_footer_texts(args.reference_docx) if args.reference_docx else []

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="check-docx-"))
    work.mkdir(parents=True, exist_ok=True)
    docx_dir, pdf_dir = work / "docx", work / "pdf"
    docx_dir.mkdir(exist_ok=True)
    pdf_dir.mkdir(exist_ok=True)

    rows, docs = [], {}
    for page in pages(args.pages):
        name = name_of(page)
        one = work / "one"
        shutil.rmtree(one, ignore_errors=True)
        cmd = [args.zhprint, "convert", str(page), "--format", "docx", "-o", str(one), "--quiet"]
        if args.docx_fonts:
            cmd += ["--docx-fonts", args.docx_fonts]
        if args.reference_docx:
            cmd += ["--reference-docx", args.reference_docx]
        conv = subprocess.run(cmd, capture_output=True, text=True)
        made = list(one.glob("*.docx")) if one.exists() else []
        if conv.returncode != 0 or not made:
            rows.append((name, "zhprint failed: " + conv.stderr.strip()[:200]))
            continue
        target = docx_dir / f"{name}.docx"
        shutil.move(str(made[0]), target)
        try:
            with zipfile.ZipFile(target) as z:
                for part in z.namelist():
                    if part.endswith(".xml") or part.endswith(".rels"):
                        ET.fromstring(z.read(part))
        except (zipfile.BadZipFile, ET.ParseError) as e:
            rows.append((name, f"bad package: {e}"))
            continue
        model = subprocess.run([args.zhprint, "extract", str(page), "--format", "json"],
                               capture_output=True, text=True)
        text = subprocess.run([args.zhprint, "extract", str(page), "--title"], capture_output=True, text=True)
        docs[name] = (json.loads(model.stdout), text.stdout)

    env = dict(os.environ)
    if args.fontconfig:
        env["FONTCONFIG_FILE"] = str(Path(args.fontconfig).resolve())
    profile = (work / "lo-profile").resolve().as_uri()
    files = [str(docx_dir / f"{n}.docx") for n in docs]
    if files:
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(pdf_dir)] + files,
                       capture_output=True, text=True, env=env, timeout=1800)

    tally = {"converted": 0, "text equal": 0, "reordered": 0, "bookmarks": 0,
             "drawn": 0, "serif body": 0, "sans body": 0, "no Han body": 0}
    for name, (model, extract_text) in docs.items():
        pdf = pdf_dir / f"{name}.pdf"
        if not pdf.exists() or pdf.stat().st_size == 0:
            rows.append((name, "LibreOffice made no PDF"))
            continue
        tally["converted"] += 1
        shown, headings = [], []
        title = model["meta"]["title"]
        shown_blocks(model["blocks"], shown, headings)
        # The model's text as `zhprint extract` prints it must be the same text
        # (without what the DOCX adds: the source/date line and list labels).
        want = squeeze("".join([title, meta_line(model["meta"])] + shown))
        # Only the page above the footer (A4 is 842 pt high; the type area ends
        # 35 mm = 99 pt above the bottom), so page numbers stay out of the text.
        # -raw: content-stream order, which is LibreOffice's reading order; the
        # default layout analysis reads table cells column-wise.
        got_lines = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "0",
                                    "-W", "595", "-H", "752", str(pdf), "-"],
                                   capture_output=True, text=True).stdout.splitlines()
        got = squeeze("".join(l for l in got_lines if not PAGE_NUMBER.match(l)))
        # A reference's headers (a letterhead) print on every page: not the document's.
        for furniture in reference_texts:
            got = got.replace(furniture, "")
        notes = []
        if want == got:
            tally["text equal"] += 1
        elif want.replace("-", "") == got.replace("-", ""):
            # pdftotext joins a word broken after its hyphen at a line end and
            # drops the hyphen ("a-month" → "amonth").
            tally["text equal"] += 1
            notes.append("equal but for hyphens at line ends")
        elif sorted(want.replace("-", "")) == sorted(got.replace("-", "")):
            tally["reordered"] += 1
            notes.append("text reordered (same characters)")
        else:
            notes.append("text differs " + first_difference(want, got))
        unlabelled = []
        shown_blocks(model["blocks"], unlabelled, [], labels=False)
        if squeeze("".join([title] + unlabelled)) != squeeze(extract_text):
            notes.append("extract text and model disagree")
        marks = outline(pdf)
        if marks == expected_outline(headings):
            tally["bookmarks"] += 1
        else:
            notes.append(f"bookmarks {len(marks or [])} vs {len(headings)} headings")
        drawn = subprocess.run(["pdftoppm", "-r", "10", "-gray", str(pdf), str(work / "drawn")],
                               capture_output=True, text=True)
        for png in work.glob("drawn*"):
            png.unlink()
        if drawn.returncode == 0 and not drawn.stderr.strip():
            tally["drawn"] += 1
        else:
            notes.append("pages draw with errors: " + drawn.stderr.strip().splitlines()[0][:80]
                         if drawn.stderr.strip() else f"pdftoppm exit {drawn.returncode}")
        face = body_face(pdf, squeeze(title + meta_line(model["meta"])))
        if face is None:
            tally["no Han body"] += 1
            notes.append("body face n/a (no Han text)")
        else:
            tally["serif body" if is_serif(face) else "sans body"] += 1
            notes.append(f"body face {face}")
        rows.append((name, "; ".join(notes)))

    total = len(pages(args.pages))
    if not args.quiet:
        for name, note in rows:
            print(f"{name}: {note}")
    print(f"{total} pages: " + ", ".join(f"{v} {k}" for k, v in tally.items()))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = tally["converted"] == total and tally["text equal"] + tally["reordered"] == total \
        and tally["bookmarks"] == total and tally["drawn"] == total
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
