#!/usr/bin/env python3
"""Writes input/: the seed report as a saved page in the style of the magazine site
that published it, and two copies that exercise charset handling.

The original HTML is not available, only the text a browser showed
(../shared/seed/000_9350f1803efad272.txt). The site chrome below is written by us
around that text, in the site's style; the report text is kept exactly as in the
seed, defects included, because fixing them is the pipeline's job.

Usage: python3 scripts/make-input.py [SEED] [OUTDIR]
"""
import html
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
seed = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/seed/000_9350f1803efad272.txt"
outdir = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "input"

lines = seed.read_text(encoding="utf-8").split("\n")
title = lines[11].strip()
assert title == "太原市2021年法治政府建设年度报告", title
end = next(i for i, l in enumerate(lines) if l.strip() == "推荐阅读")
# Strip only the 4-space source indentation the browser view adds; keep the text as is.
body = [l[4:] if l.startswith("    ") else l for l in lines[13:end] if l.strip()]

heading = re.compile(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
paragraphs = []
for text in body:
    escaped = html.escape(text, quote=False)
    if heading.match(text):
        # Such sites mark headings as bold paragraphs, not as <h2>.
        paragraphs.append(f'<p style="text-indent:2em;"><strong>{escaped}</strong></p>')
    else:
        paragraphs.append(f'<p style="text-indent:2em;">{escaped}</p>')
body_html = "\n".join("          " + p for p in paragraphs)

META = "{meta}"
page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{META}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}-法治时代</title>
<meta name="keywords" content="法治政府,太原市,年度报告">
<meta name="description" content="2021年,太原市坚持以习近平新时代中国特色社会主义思想为指导,认真学习贯彻习近平法治思想">
<link rel="stylesheet" href="/static/css/style.css">
<script src="/static/js/jquery.min.js"></script>
<script>
function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
</script>
</head>
<body>
<div class="top">
  <div class="wrap">
    <div class="top-left">中国出版传媒股份有限公司主管 中国民主法制出版社有限公司主办</div>
  </div>
</div>
<div class="header">
  <div class="wrap">
    <a class="logo" href="/"><img src="/static/images/logo.png" alt="法治时代"></a>
    <div class="header-right">
      <div class="gzh">公众号
        <ul class="gzh-list">
          <li><a href="javascript:;">订阅号</a></li>
          <li><a href="javascript:;">服务号</a></li>
        </ul>
      </div>
      <ul class="quick">
        <li>&nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp;<a href="https://www.xuexi.cn/">学习强国</a></li>
        <li>&nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp;<a href="/m/">手机版</a></li>
        <li>&nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp;<a href="/dzqk/">电子期刊</a></li>
        <li>&nbsp;&nbsp;&nbsp;&nbsp; &nbsp;&nbsp;&nbsp;&nbsp; <a href="/login/">登录</a></li>
      </ul>
      <div class="login"><a href="/login/">登录</a> <a href="/register/">注册</a></div>
    </div>
  </div>
</div>
<div class="nav">
  <div class="wrap">
    <ul>
      <li><a href="/">首页</a></li>
      <li><a href="/fzzf/">法治政府</a></li>
      <li><a href="/fzsh/">法治社会</a></li>
      <li><a href="/sfgz/">司法改革</a></li>
      <li><a href="/zfjs/">执法监督</a></li>
      <li><a href="/fzwh/">法治文化</a></li>
    </ul>
  </div>
</div>
<div class="main wrap">
  <div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/fzzf/">法治政府</a></div>
  <div class="left">
    <div class="column-title">&nbsp;法治政府</div>
    <div class="article">
      <h1 class="article-title">{title}</h1>
      <div class="article-info">文章字体:【<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】 发布日期: 2022-03-07 来源:太原市司法局</div>
      <div class="article-content" id="zoom">
{body_html}
      </div>
    </div>
    <div class="tuijian">
      <div class="tuijian-title">推荐阅读</div>
      <ul>
        <li><a href="/fzzf/202203/t20220308_1.html">山西省2021年法治政府建设年度报告</a></li>
        <li><a href="/fzzf/202203/t20220305_2.html">大同市2021年法治政府建设情况报告</a></li>
        <li><a href="/fzzf/202203/t20220303_3.html">晋中市持续深化“放管服”改革优化营商环境</a></li>
      </ul>
    </div>
  </div>
  <div class="right">
    <div class="hot-title">热点排行</div>
    <ul>
      <li><a href="/fzsh/202203/t20220301_4.html">全国政法队伍教育整顿成效综述</a></li>
      <li><a href="/sfgz/202202/t20220228_5.html">司法部部署开展2022年普法工作</a></li>
    </ul>
  </div>
</div>
<div class="links wrap">
  <span>友情链接:</span>
  <a href="http://www.npc.gov.cn/">中国人大网</a>
  <a href="http://www.moj.gov.cn/">司法部</a>
  <a href="http://www.chinacourt.org/">中国法院网</a>
</div>
<div class="footer">
  <div class="wrap">
    <p>版权所有:法治时代杂志 <a href="https://beian.miit.gov.cn/">京ICP备12049208号-6</a></p>
  </div>
</div>
</body>
</html>
"""

outdir.mkdir(parents=True, exist_ok=True)
variants = {
    "taiyuan-2021.html": ('<meta charset="utf-8">', "utf-8"),
    # gb2312/gbk-labelled pages are common on Chinese government and magazine sites.
    "taiyuan-2021-gbk.html": ('<meta charset="gbk">', "gbk"),
    # GBK bytes with no <meta charset> and no BOM, as old portals serve them:
    # the decoder must detect the encoding.
    "taiyuan-2021-nocharset.html": ("", "gbk"),
}
for name, (meta, encoding) in variants.items():
    text = page.replace(META, meta) if meta else page.replace(META + "\n", "")
    (outdir / name).write_bytes(text.encode(encoding))
    print(f"wrote {outdir / name}")
