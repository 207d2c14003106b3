// ProseMirror, and TipTap built on it (LinkedIn's new share box and comment boxes). An empty
// paragraph, or one ending in a hard break, carries a br.ProseMirror-trailingBreak, and
// some positions an img.ProseMirror-separator: neither is in the document. ProseMirror reads
// what execCommand inserted back from the DOM into a transaction, which its history records.
globalThis.Clearpost.defineEditor({
  kind: "prosemirror",
  name: "ProseMirror/TipTap",
  recognise: (editable) => editable.classList.contains("ProseMirror"),
  read: globalThis.Clearpost.contentEditable.readWith({
    skip: globalThis.Clearpost.contentEditable.skipClasses("ProseMirror-trailingBreak", "ProseMirror-separator"),
  }),
  append: globalThis.Clearpost.contentEditable.appendByInsertText,
});
