// Starts the core with the adapter this page's content script entry registered.
globalThis.Clearpost.start(globalThis.Clearpost.adapter);
