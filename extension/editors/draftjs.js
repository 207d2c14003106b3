// Draft.js (X's composer on the desktop web). Draft keeps its text in blocks
// (div[data-block]) whose characters sit in span[data-text]; an empty block shows a
// <br data-text>, which is not a character. Draft listens to the browser's insertText, so
// the shared execCommand write keeps its EditorState, and its undo stack, in step.
globalThis.Clearpost.defineEditor({
  kind: "draft",
  name: "Draft.js",
  recognise: (editable) => editable.classList.contains("public-DraftEditor-content") || Boolean(editable.closest(".DraftEditor-root")),
  read: globalThis.Clearpost.contentEditable.readWith(),
  append: globalThis.Clearpost.contentEditable.appendByInsertText,
});
