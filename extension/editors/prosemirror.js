// ProseMirror, and TipTap built on it (LinkedIn's new share box and comment boxes). An empty
// paragraph, or one ending in a hard break, carries a br.ProseMirror-trailingBreak, and
// some positions an img.ProseMirror-separator: neither is in the document. ProseMirror reads
// what execCommand inserted back from the DOM into a transaction, which its history records.
(() => {
  const { contentEditable } = globalThis.Clearpost;
  const skip = (node) => node.nodeType === Node.ELEMENT_NODE
    && (node.classList.contains("ProseMirror-trailingBreak") || node.classList.contains("ProseMirror-separator"));
  globalThis.Clearpost.defineEditor({
    kind: "prosemirror",
    name: "ProseMirror/TipTap",
    recognise: (editable) => editable.classList.contains("ProseMirror"),
    read: contentEditable.readWith({ skip }),
    append: contentEditable.appendByInsertText,
  });
})();
