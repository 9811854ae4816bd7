// gloss serve: live reload and the build-error overlay. Injected only by `gloss serve`, never
// written into a built site.
(() => {
  "use strict";
  const OVERLAY_ID = "gloss-build-error";
  let wasDisconnected = false;

  function showError(message) {
    let overlay = document.getElementById(OVERLAY_ID);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = OVERLAY_ID;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0a0a;color:#ffe4e4;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;" +
        "border-top:4px solid #e5484d;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "gloss: the last rebuild failed; this page is the last good build.\n\n" + message;
  }

  function hideError() {
    const overlay = document.getElementById(OVERLAY_ID);
    if (overlay) overlay.remove();
  }

  function reloadStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      url.searchParams.set("gloss-reload", String(Date.now()));
      link.href = url.toString();
    }
  }

  const source = new EventSource("/__gloss/events");
  source.addEventListener("connected", () => {
    // The server restarted while this page was open: its pages may have changed.
    if (wasDisconnected) location.reload();
  });
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("css", () => {
    hideError();
    reloadStylesheets();
  });
  source.addEventListener("build-error", (event) => showError(event.data));
  source.onerror = () => {
    wasDisconnected = true;
  };
})();
