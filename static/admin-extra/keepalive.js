// Admin sessions end after ADMIN_IDLE_MINUTES without activity. Typing a long story
// sends no request, so while the editor is working on a page (typing, clicking,
// scrolling) this tells the server once a minute. When the session has ended all
// the same (the computer was left alone), it says so at once, before a save would
// take the editor to the login page: what is typed stays on this page.
(function () {
    "use strict";
    const beacon = document.getElementById("keepalive");
    if (!beacon) {
        return;
    }
    let working = false;
    let ended = false;
    ["input", "keydown", "click", "scroll"].forEach(function (name) {
        document.addEventListener(name, function () { working = true; }, {capture: true, passive: true});
    });

    function warn() {
        ended = true;
        const note = document.createElement("div");
        note.className = "keepalive-ended";
        note.setAttribute("role", "alert");
        note.textContent = beacon.dataset.message;
        document.body.prepend(note);
    }

    window.setInterval(function () {
        if (ended || !working) {
            return;
        }
        working = false;
        fetch(beacon.dataset.url, {method: "POST", headers: {"X-CSRFToken": beacon.dataset.token}, credentials: "same-origin"})
            .then(function (response) {
                if (response.status === 401) {
                    warn();
                }
            })
            .catch(function () {});
    }, 60 * 1000);
})();
