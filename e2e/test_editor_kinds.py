"""Each editor-kind module (extension/editors/) on its real editor library: it recognises its
editable, reads the text exactly as the editor's own model holds it (empty lines, trailing new
lines, emoji, accents), finds a span's rectangles inside the editor, and appends so that the
model holds the text. The modules are loaded into the page world here, beside the page's editor,
so they are called directly; the extension runs the same files as content scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from e2e.composers import BY_KEY, Composer
from e2e.test_composers import model_text, new_line, type_text

EXTENSION = Path(__file__).resolve().parents[1] / "extension"
MODULES = ["core/dom.js", "core/editors.js", *(f"editors/{name}.js" for name in
           ("contenteditable", "draftjs", "quill", "prosemirror", "lexical", "textfield"))]

# One composer for each editor kind, and the kind the module registry must recognise.
KINDS = [("draft", "x-home"), ("quill", "linkedin-share"), ("prosemirror", "linkedin-sdui"),
         ("lexical", "instagram-caption"), ("textfield", "x-narrow")]

# Run in the page world: the editable the focused element belongs to, through the same
# composed-path discovery the extension uses.
_FOCUSED = """() => {
  let node = document.activeElement;
  while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
  const path = [];
  for (let at = node; at; at = Clearpost.dom.parentComposed(at)) path.push(at);
  window.__editable = Clearpost.editableFrom(path);
  return Clearpost.editorKindOf(window.__editable).kind;
}"""
_READ = "() => Clearpost.editorKindOf(window.__editable).read(window.__editable).text"


def _load_modules(page: Page) -> None:
    for module in MODULES:
        page.add_script_tag(path=str(EXTENSION / module))


def _open(page: Page, c: Composer) -> str:
    page.goto(c.href())
    page.evaluate("id => __fixture.open(id)", c.id)
    _load_modules(page)
    page.locator(c.editor_selector).click()
    return str(page.evaluate(_FOCUSED))


@pytest.mark.parametrize(("kind", "key"), KINDS, ids=[k for k, _ in KINDS])
def test_recognises_its_editor_and_reads_what_the_model_holds(page: Page, kind: str, key: str) -> None:
    c = BY_KEY[key]
    assert _open(page, c) == kind
    type_text(page, "🎉 First line, café")
    assert page.evaluate(_READ) == model_text(page, c) == "🎉 First line, café"
    new_line(page, c)
    new_line(page, c)
    type_text(page, "after an empty line")
    assert page.evaluate(_READ) == model_text(page, c) == "🎉 First line, café\n\nafter an empty line"
    new_line(page, c)
    assert page.evaluate(_READ) == model_text(page, c) == "🎉 First line, café\n\nafter an empty line\n"


@pytest.mark.parametrize(("kind", "key"), KINDS, ids=[k for k, _ in KINDS])
def test_appends_through_the_editors_model(page: Page, kind: str, key: str) -> None:
    c = BY_KEY[key]
    _open(page, c)
    type_text(page, "Draft")
    page.evaluate("() => Clearpost.editorKindOf(window.__editable).append(window.__editable, ' — views my own ✓')")
    assert model_text(page, c) == "Draft — views my own ✓"
    assert page.evaluate(_READ) == "Draft — views my own ✓"
    type_text(page, "!")  # the caret is after the appended text
    assert model_text(page, c) == "Draft — views my own ✓!"


@pytest.mark.parametrize(("kind", "key"), KINDS, ids=[k for k, _ in KINDS])
def test_a_spans_rectangles_lie_inside_the_editor(page: Page, kind: str, key: str) -> None:
    c = BY_KEY[key]
    _open(page, c)
    type_text(page, "Lovely day. Our councillor is an idiot.")
    rects = page.evaluate("""() => {
      const model = Clearpost.editorKindOf(window.__editable).read(window.__editable);
      const start = model.text.indexOf("idiot");
      return model.rects(start, start + 5).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
    }""")
    editor = page.locator(c.editor_selector).bounding_box()
    assert rects and editor is not None
    for r in rects:
        assert r["width"] > 10
        assert editor["x"] <= r["x"] and r["x"] + r["width"] <= editor["x"] + editor["width"] + 1
        assert editor["y"] <= r["y"] and r["y"] + r["height"] <= editor["y"] + editor["height"] + 1


def test_plain_contenteditable_is_the_fallback_kind(page: Page) -> None:
    page.goto(BY_KEY["x-home"].href())
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.contentEditable = "true";
      box.id = "plain";
      document.body.prepend(box);
    }""")
    _load_modules(page)
    page.click("#plain")
    assert page.evaluate(_FOCUSED) == "contenteditable"
    type_text(page, "one")
    page.keyboard.press("Enter")
    type_text(page, "two")
    assert page.evaluate(_READ) == page.evaluate("() => document.querySelector('#plain').innerText") == "one\ntwo"
    page.evaluate("() => Clearpost.editorKindOf(window.__editable).append(window.__editable, ' three')")
    assert page.evaluate(_READ) == "one\ntwo three"
