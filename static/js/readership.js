"use strict";
// 阅读量: tells the site once that this story was opened. No cookie, nothing stored in the
// browser; the page itself stays the same for every reader (page cache). README "阅读量".
(function () {
    const script = document.currentScript;
    if (!script) {
        return;
    }
    const url = script.dataset.url;
    const story = script.dataset.story;

    function send() {
        const body = new URLSearchParams({ story: story });
        if (navigator.sendBeacon && navigator.sendBeacon(url, body)) {
            return;
        }
        if (window.fetch) {
            fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin" }).catch(function () {});
        }
    }

    // A page the browser prepared in advance counts only once the reader opens it.
    if (document.prerendering) {
        document.addEventListener("prerenderingchange", send, { once: true });
    } else {
        send();
    }
})();
