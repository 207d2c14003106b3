// The registry of editor kinds. An editor kind knows how to read one kind of editable as its
// own model holds the text, and how to write into it so that the model stays in step (no lost,
// doubled or scrambled character, and the editor's undo still works). Platforms never read or
// write text; they only say which editables are composers (extension/platforms/).
//
// A kind is { kind, name, recognise(editable), read(editable), append(editable, text) }:
// read() returns { text, rects(start, end) } where start and end count UTF-16 units of text,
// and rects() gives the client rectangles of that span for the overlay marks.
(() => {
  const Clearpost = globalThis.Clearpost;
  const kinds = [];

  Clearpost.defineEditor = (spec) => {
    for (const key of ["kind", "name", "recognise", "read", "append"]) {
      if (!(key in spec)) throw new Error(`editor kind ${spec.kind || "?"} lacks ${key}`);
    }
    kinds.push(spec);
  };

  // The most specific kind first; plain contenteditable and text fields last.
  const SPECIFICITY = ["draft", "quill", "prosemirror", "lexical", "textfield", "contenteditable"];
  Clearpost.editorKindOf = (editable) => {
    const ordered = [...kinds].sort((a, b) => SPECIFICITY.indexOf(a.kind) - SPECIFICITY.indexOf(b.kind));
    return ordered.find((k) => k.recognise(editable)) || null;
  };

  const TEXT_INPUTS = new Set(["text", "search", "email", "url", ""]);
  const isTextField = (node) => node instanceof HTMLTextAreaElement
    || (node instanceof HTMLInputElement && TEXT_INPUTS.has(node.type));

  // The editable the user is in, from an event's composed path (so an editor inside an open
  // shadow root is found): a text field, or the outermost contenteditable element (the
  // editing host) around the event's target.
  Clearpost.editableFrom = (path) => {
    let host = null;
    for (const node of path) {
      if (!(node instanceof HTMLElement)) {
        if (host) break;
        continue;
      }
      if (!host && isTextField(node)) return node.readOnly || node.disabled ? null : node;
      if (node.isContentEditable) host = node;
      else if (host) break;
    }
    return host;
  };
  Clearpost.isTextField = isTextField;
})();
