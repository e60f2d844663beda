// Shows how far the upload has got when the story form sends large photos
// (issue 16). The form is then sent with XMLHttpRequest: on success the server
// answers {"location": …} and the page goes there; when the form comes back
// with errors, the photos the server kept (hidden "-kept" tokens) are not sent
// again, and the form is submitted the ordinary way so the browser shows the
// server's page. Without JavaScript the form posts as usual.
(function () {
    "use strict";
    const LARGE = 1024 * 1024;  // bytes of files from which progress is worth showing

    function start() {
        const form = document.getElementById("article_form");
        if (!form || form.querySelector("input[name=_popup]") || !window.XMLHttpRequest || !window.DOMParser) {
            return;
        }
        let ordinary = false;

        form.addEventListener("submit", function (event) {
            if (ordinary || event.defaultPrevented) {
                return;
            }
            const inputs = Array.from(form.querySelectorAll("input[type=file]"));
            const bytes = inputs.reduce(function (sum, input) {
                return sum + Array.from(input.files || []).reduce(function (s, file) { return s + file.size; }, 0);
            }, 0);
            if (bytes < LARGE) {
                return;
            }
            event.preventDefault();
            send(event.submitter);
        });

        function send(submitter) {
            const data = new FormData(form);
            if (submitter && submitter.name) {
                data.append(submitter.name, submitter.value);
            }
            const progress = showProgress();
            const request = new XMLHttpRequest();
            request.open("POST", form.action || window.location.href);
            request.setRequestHeader("X-Upload-Progress", "1");
            request.upload.addEventListener("progress", function (event) {
                if (event.lengthComputable) {
                    progress.update(event.loaded / event.total);
                }
            });
            request.addEventListener("load", function () {
                const type = request.getResponseHeader("Content-Type") || "";
                if (request.status === 200 && type.startsWith("application/json")) {
                    progress.update(1, "已上传，正在打开…");
                    window.location.assign(JSON.parse(request.responseText).location);
                } else if (request.status === 200 && type.startsWith("text/html")) {
                    progress.update(1, "需要修改，正在显示表单…");
                    keepUploads(request.responseText);
                    submitOrdinarily(submitter);
                } else {
                    submitOrdinarily(submitter);  // let the browser show the server's answer
                }
            });
            request.addEventListener("error", function () { submitOrdinarily(submitter); });
            request.send(data);
        }

        function keepUploads(html) {
            // Rows whose photo the server kept: send its token instead of the file.
            const page = new DOMParser().parseFromString(html, "text/html");
            page.querySelectorAll("input[type=hidden][name$='-image-kept']").forEach(function (kept) {
                const name = kept.name.slice(0, -"-kept".length);
                const input = form.querySelector("input[type=file][name='" + CSS.escape(name) + "']");
                const file = input && input.files && input.files[0];
                if (!file || file.name !== kept.dataset.fileName) {
                    return;
                }
                input.value = "";
                let token = form.querySelector("input[type=hidden][name='" + CSS.escape(kept.name) + "']");
                if (!token) {
                    token = document.createElement("input");
                    token.type = "hidden";
                    token.name = kept.name;
                    input.after(token);
                }
                token.value = kept.value;
            });
        }

        function submitOrdinarily(submitter) {
            ordinary = true;
            if (submitter && submitter.name) {
                const button = document.createElement("input");
                button.type = "hidden";
                button.name = submitter.name;
                button.value = submitter.value;
                form.append(button);
            }
            form.submit();
        }

        function showProgress() {
            const box = document.createElement("div");
            box.className = "upload-progress";
            box.setAttribute("role", "status");
            const bar = document.createElement("progress");
            bar.max = 100;
            bar.value = 0;
            const label = document.createElement("span");
            label.textContent = "正在上传图片… 0%";
            box.append(bar, label);
            form.prepend(box);
            form.querySelectorAll("[type=submit]").forEach(function (button) { button.disabled = true; });
            return {
                update: function (fraction, text) {
                    bar.value = Math.round(fraction * 100);
                    label.textContent = text || "正在上传图片… " + bar.value + "%";
                }
            };
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
