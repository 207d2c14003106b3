// Quill 1 and 2 (LinkedIn's classic share box and comment boxes). The editable is .ql-editor;
// a formatting toggle leaves a span.ql-cursor holding U+FEFF, which is not in Quill's model.
// Quill watches its DOM with a MutationObserver and records what execCommand inserts as a
// user edit, so getText() and its history (undo) stay in step.
(() => {
  const { contentEditable } = globalThis.Clearpost;
  const skip = (node) => node.nodeType === Node.ELEMENT_NODE && node.classList.contains("ql-cursor");
  globalThis.Clearpost.defineEditor({
    kind: "quill",
    name: "Quill",
    recognise: (editable) => editable.classList.contains("ql-editor"),
    read: contentEditable.readWith({ skip }),
    append: contentEditable.appendByInsertText,
  });
})();
