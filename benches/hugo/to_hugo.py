#!/usr/bin/env python3
"""Turns a Clarion synthetic site into the equivalent Hugo site, so the two
generators build the same pages from the same text:
    python3 benches/hugo/to_hugo.py SYNTHETIC_SITE HUGO_SITE
Each inspection becomes a section (its adult page) with a child page and
its translations; documents, pages and the glossary come along. The layouts
beside this script draw the same header, grades table and footer."""
import os, shutil, sys
import yaml

src, out = sys.argv[1], sys.argv[2]
if os.path.exists(out):
    shutil.rmtree(out)
shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "layouts"), os.path.join(out, "layouts"))
site = yaml.safe_load(open(os.path.join(src, "site.yaml")))
with open(os.path.join(out, "hugo.yaml"), "w") as f:
    yaml.safe_dump({
        "baseURL": site["base_url"], "title": site["title"], "languageCode": "en-gb",
        "disableKinds": ["taxonomy", "term", "RSS"], "enableRobotsTXT": True,
        "pagination": {"pagerSize": 100},
    }, f)

def front(path, meta, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)

def strip(text):
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text

root = os.path.join(src, "content", "inspections")
for slug in sorted(os.listdir(root)):
    d = os.path.join(root, slug)
    data = yaml.safe_load(open(os.path.join(d, "inspection.yaml")))
    start = str(data.get("start") or data.get("published"))
    meta = {"title": data.get("title", slug), "date": start, "authority": data["authority"],
            "kind": data.get("kind", "full"), "framework": data.get("framework", ""),
            "overall": data.get("overall", ""), "improvements": data.get("improvements", []),
            "judgements": [{"name": j["name"], "grade": j.get("grade", "")} for j in data.get("judgements", [])]}
    front(os.path.join(out, "content", "inspections", slug, "_index.md"), meta, open(os.path.join(d, "summary.md")).read())
    for name in sorted(os.listdir(d)):
        if name.startswith("children") and name.endswith(".md"):
            fm, body = strip(open(os.path.join(d, name)).read())
            lang = name[len("children."):-3] if name != "children.md" else ""
            target = "children" if not lang else "children-" + lang
            child = dict(meta, title="What Ofsted found", lang=lang or "en")
            front(os.path.join(out, "content", "inspections", slug, target + ".md"), child, body)
for name in sorted(os.listdir(os.path.join(src, "content", "documents"))):
    fm, body = strip(open(os.path.join(src, "content", "documents", name)).read())
    front(os.path.join(out, "content", "documents", name), {"title": fm["title"], "date": str(fm["date"])}, body)
for name in sorted(os.listdir(os.path.join(src, "content", "pages"))):
    fm, body = strip(open(os.path.join(src, "content", "pages", name)).read())
    front(os.path.join(out, "content", name), {"title": fm.get("title", name)}, body)
front(os.path.join(out, "content", "_index.md"), {"title": site["title"]}, "")
