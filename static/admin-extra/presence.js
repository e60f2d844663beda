// Tells the server every minute that this story's form is still open, and shows
// who else has it open (周文澜 正在编辑，3 分钟前打开). Without JavaScript the
// note is still shown when the page loads.
(function () {
    "use strict";
    const box = document.getElementById("presence");
    const form = document.getElementById("article_form");
    if (!box || !form) {
        return;
    }
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

    function show(lines) {
        box.replaceChildren(...lines.map(function (line) {
            const note = document.createElement("p");
            note.className = "presence-note";
            note.textContent = line;
            return note;
        }));
    }

    function ping() {
        const body = new FormData();
        body.append("csrfmiddlewaretoken", token);
        fetch(box.dataset.url, {method: "POST", body: body, credentials: "same-origin"})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) { if (data) { show(data.others); } })
            .catch(function () {});
    }

    // Saving ends the session on the server, and the page that follows starts a new one.
    let submitting = false;
    form.addEventListener("submit", function () { submitting = true; });

    window.setInterval(ping, 60 * 1000);
    window.addEventListener("pagehide", function () {
        if (submitting) {
            return;
        }
        const body = new FormData();
        body.append("csrfmiddlewaretoken", token);
        body.append("leave", "1");
        navigator.sendBeacon(box.dataset.url, body);
    });
})();
