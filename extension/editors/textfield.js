// <textarea> and text <input> (Instagram's comment box, X's narrow layout). The text is the
// field's value. Writing puts the caret at the end and uses execCommand "insertText", which
// on a text field fires the input event React-controlled fields listen to and joins the
// field's native undo stack; setRangeText is the fallback where execCommand is refused.
// A field's text has no DOM nodes, so the overlay finds a span's rectangles on a mirror: an
// invisible copy of the field's box and font, laid out the same way.
(() => {
  const Clearpost = globalThis.Clearpost;
  const COPIED = ["boxSizing", "width", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
    "fontFamily", "fontSize", "fontWeight", "fontStyle", "letterSpacing", "lineHeight", "textTransform",
    "textIndent", "wordSpacing", "tabSize", "direction", "textAlign"];

  function rects(field, start, end) {
    const style = getComputedStyle(field);
    const mirror = document.createElement("div");
    for (const prop of COPIED) mirror.style[prop] = style[prop];
    Object.assign(mirror.style, {
      position: "fixed", left: "0px", top: "0px", visibility: "hidden", overflow: "hidden", height: "auto",
      whiteSpace: field instanceof HTMLTextAreaElement ? "pre-wrap" : "pre", overflowWrap: "break-word",
    });
    const span = document.createElement("span");
    span.textContent = field.value.slice(start, end);
    mirror.append(document.createTextNode(field.value.slice(0, start)), span, document.createTextNode(field.value.slice(end)));
    // Laid out beside the field, in the same tree, so the same fonts and sizes apply.
    field.getRootNode() instanceof ShadowRoot ? field.getRootNode().append(mirror) : document.body.append(mirror);
    const origin = mirror.getBoundingClientRect();
    const box = field.getBoundingClientRect();
    const out = [...span.getClientRects()].map((r) => new DOMRect(
      box.left + (r.left - origin.left) - field.scrollLeft, box.top + (r.top - origin.top) - field.scrollTop, r.width, r.height));
    mirror.remove();
    // A span scrolled out of the field's box is not drawn.
    return out.filter((r) => r.bottom > box.top && r.top < box.bottom);
  }

  Clearpost.defineEditor({
    kind: "textfield",
    name: "text field",
    recognise: (editable) => Clearpost.isTextField(editable),
    read: (field) => ({ text: field.value, rects: (start, end) => rects(field, start, end) }),
    append: (field, text) => {
      field.focus();
      const end = field.value.length;
      field.setSelectionRange(end, end);
      if (!document.execCommand("insertText", false, text)) {
        field.setRangeText(text, end, end, "end");
        field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
      }
    },
  });
})();
