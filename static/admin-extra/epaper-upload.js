// 上传版面PDF (issue 13): sends the chosen PDFs one by one, each with its page
// number and name (read from the file name, editable), and shows each file's
// progress and outcome: 上传中, 处理中, 完成, 待确认 (the page has a PDF: 替换
// asks the server again with the file it kept), 出错 with the server's message.
// Without JavaScript the form posts all files at once and the page lists the outcomes.
(function () {
    "use strict";

    function pageFromName(filename) {
        const stem = filename.replace(/\.[^.]*$/, "");
        const match = /\d+/.exec(stem);
        if (!match) {
            return { number: "", name: "" };
        }
        let rest = stem.slice(match.index + match[0].length).replace(/^[\s\-_.·、]+/, "");
        if (rest.startsWith("版")) {
            rest = rest.slice(1).replace(/^[\s\-_.·、]+/, "");
        }
        return { number: String(parseInt(match[0], 10)), name: rest.slice(0, 30) };
    }

    function start() {
        const form = document.getElementById("epaper-upload");
        if (!form || !window.XMLHttpRequest || !window.FormData) {
            return;
        }
        const input = form.querySelector("input[type=file][name=files]");
        const dateInput = form.querySelector("[name=date]");
        const table = document.getElementById("epaper-files");
        const body = table.querySelector("tbody");
        const results = document.getElementById("epaper-results");
        const submit = form.querySelector("[type=submit]");
        const maxBytes = parseInt(form.dataset.maxBytes, 10) || 0;
        const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
        let rows = [];
        let busy = false;

        // Per-file rows take the place of the single number and name fields.
        form.querySelectorAll(".epaper-single").forEach(function (row) { row.hidden = true; });

        input.addEventListener("change", function () {
            body.textContent = "";
            rows = Array.from(input.files).map(makeRow);
            table.hidden = rows.length === 0;
        });

        function cell(tr, child) {
            const td = document.createElement("td");
            if (child) {
                td.append(child);
            }
            tr.append(td);
            return td;
        }

        function makeRow(file) {
            const guess = pageFromName(file.name);
            const tr = document.createElement("tr");
            const number = document.createElement("input");
            number.type = "number";
            number.min = "1";
            number.max = "99";
            number.value = guess.number;
            number.setAttribute("aria-label", file.name + " 的版次");
            const name = document.createElement("input");
            name.type = "text";
            name.maxLength = 30;
            name.value = guess.name;
            name.setAttribute("aria-label", file.name + " 的版名");
            const bar = document.createElement("progress");
            bar.max = 100;
            bar.value = 0;
            const label = document.createElement("span");
            label.className = "epaper-state";
            const message = document.createElement("div");
            message.className = "epaper-message";
            const actions = document.createElement("div");
            cell(tr, document.createTextNode(file.name));
            cell(tr, number);
            cell(tr, name);
            const status = cell(tr, bar);
            status.append(" ", label, message, actions);
            body.append(tr);
            const row = { file: file, number: number, name: name, bar: bar, label: label, message: message, actions: actions, done: false };
            show(row, "等待上传", "");
            return row;
        }

        function show(row, state, text) {
            row.label.textContent = state;
            row.label.dataset.state = state;
            row.message.textContent = text || "";
            row.actions.textContent = "";
        }

        form.addEventListener("submit", function (event) {
            if (!rows.length || form.querySelector("[name=pending]")) {
                return;  // nothing chosen here, or files kept by the server: the ordinary form
            }
            event.preventDefault();
            if (busy) {
                return;
            }
            if (!dateInput.value) {
                showError("请填写出版日期。");
                dateInput.focus();
                return;
            }
            showError("");
            sendAll(rows.filter(function (row) { return !row.done; }));
        });

        function showError(text) {
            let note = form.querySelector(".epaper-form-error");
            if (!text) {
                if (note) {
                    note.remove();
                }
                return;
            }
            if (!note) {
                note = document.createElement("p");
                note.className = "errornote epaper-form-error";
                note.setAttribute("role", "alert");
                form.prepend(note);
            }
            note.textContent = text;
        }

        function sendAll(queue) {
            busy = true;
            submit.disabled = true;
            (function next() {
                const row = queue.shift();
                if (!row) {
                    busy = false;
                    submit.disabled = false;
                    return;
                }
                if (maxBytes && row.file.size > maxBytes) {
                    show(row, "出错", "文件太大（超过 " + form.dataset.maxSize + "），没有上传。");
                    next();
                    return;
                }
                const data = new FormData();
                data.append("csrfmiddlewaretoken", token);
                data.append("date", dateInput.value);
                data.append("files", row.file);
                data.append("number", row.number.value);
                data.append("page_name", row.name.value);
                send(row, data, next);
            })();
        }

        function send(row, data, then) {
            const request = new XMLHttpRequest();
            request.open("POST", form.action || window.location.href);
            request.setRequestHeader("X-Epaper-Upload", "1");
            request.setRequestHeader("X-CSRFToken", token);
            show(row, "上传中", "0%");
            request.upload.addEventListener("progress", function (event) {
                if (event.lengthComputable) {
                    row.bar.value = Math.round(event.loaded / event.total * 100);
                    row.message.textContent = row.bar.value + "%";
                }
            });
            request.upload.addEventListener("load", function () {
                row.bar.value = 100;
                show(row, "处理中", "正在生成版面图、查找稿件区域…");
            });
            request.addEventListener("load", function () {
                let answer = null;
                try {
                    answer = JSON.parse(request.responseText);
                } catch (error) {
                    answer = null;
                }
                if (request.status === 413) {
                    show(row, "出错", "文件太大（一次提交不能超过 " + form.dataset.maxSize + "），没有上传。");
                } else if (request.status === 403) {
                    show(row, "出错", "没有权限，或登录已超时：请重新登录后再上传。");
                } else if (!answer || !answer.outcomes || !answer.outcomes.length) {
                    show(row, "出错", "服务器出错（HTTP " + request.status + "），这个文件没有导入，请稍后重试。");
                } else {
                    outcome(row, answer.outcomes[0]);
                }
                then();
            });
            request.addEventListener("error", function () {
                show(row, "出错", "网络中断，这个文件没有上传完，请重试。");
                then();
            });
            request.send(data);
        }

        function outcome(row, answer) {
            if (answer.state === "done") {
                row.done = true;
                show(row, "完成", answer.message);
                const box = document.createElement("div");
                box.innerHTML = answer.html;  // rendered and escaped by the server
                results.append(box);
            } else if (answer.state === "waiting" && answer.replace) {
                show(row, "待确认", answer.message);
                const yes = document.createElement("button");
                yes.type = "button";
                yes.className = "button";
                yes.textContent = "替换";
                const no = document.createElement("button");
                no.type = "button";
                no.className = "button";
                no.textContent = "不替换";
                yes.addEventListener("click", function () { replace(row, answer.token); });
                no.addEventListener("click", function () {
                    row.done = true;
                    show(row, "未替换", "原PDF保留。");
                });
                row.actions.append(yes, " ", no);
                yes.focus();
            } else {
                show(row, "出错", answer.message);
            }
        }

        function replace(row, pending) {
            const data = new FormData();
            data.append("csrfmiddlewaretoken", token);
            data.append("date", dateInput.value);
            data.append("pending", pending);
            data.append("pending-0-number", row.number.value);
            data.append("pending-0-name", row.name.value);
            data.append("pending-0-replace", "on");
            send(row, data, function () {});
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
