// Quill 1 and 2 (LinkedIn's classic share box and comment boxes). The editable is .ql-editor;
// a formatting toggle leaves a span.ql-cursor holding U+FEFF, which is not in Quill's model.
// Quill watches its DOM with a MutationObserver and records what execCommand inserts as a
// user edit, so getText() and its history (undo) stay in step.
globalThis.Clearpost.defineEditor({
  kind: "quill",
  name: "Quill",
  recognise: (editable) => editable.classList.contains("ql-editor"),
  read: globalThis.Clearpost.contentEditable.readWith({ skip: globalThis.Clearpost.contentEditable.skipClasses("ql-cursor") }),
  append: globalThis.Clearpost.contentEditable.appendByInsertText,
});
