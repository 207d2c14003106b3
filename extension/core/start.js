// Starts the core with the adapter this page's content script entry registered, unless the
// user switched Clearpost off for this site in the options.
(async () => {
  const adapter = globalThis.Clearpost.adapter;
  const { sites } = await chrome.storage.local.get("sites");
  if ((sites || {})[adapter.platform] !== false) globalThis.Clearpost.start(adapter);
})();
