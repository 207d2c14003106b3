// Lexical (Instagram's caption and messages, Meta's web editors). Paragraphs are <p> with
// span[data-lexical-text]; an empty paragraph holds a placeholder <br>. Lexical handles the
// beforeinput/input of execCommand's insertText as typing, so its EditorState and history
// stay in step.
globalThis.Clearpost.defineEditor({
  kind: "lexical",
  name: "Lexical",
  recognise: (editable) => editable.getAttribute("data-lexical-editor") === "true",
  read: globalThis.Clearpost.contentEditable.readWith(),
  append: globalThis.Clearpost.contentEditable.appendByInsertText,
});
