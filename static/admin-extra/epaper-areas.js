// 校正稿件区域 (issue 13): the page image with its story areas drawn as boxes, to
// select, move, resize, add, delete and link to a story, with a pointer (mouse, pen,
// touch) or the keyboard; the list beside the image mirrors the boxes. Positions are
// kept in PDF points from the page's top-left corner, as the server stores them; the
// form posts them as JSON in the hidden "areas" field, which the server checks.
(function () {
    "use strict";
    const STEP = 5;       // points an arrow key moves or resizes a box
    const FINE_STEP = 1;  // with Alt
    const MIN = 5;        // smallest box, in points

    function start() {
        const form = document.getElementById("epaper-areas");
        const dataNode = document.getElementById("epaper-editor-data");
        if (!form || !dataNode) {
            return;
        }
        const data = JSON.parse(dataNode.textContent);
        const W = data.width;
        const H = data.height;
        const areas = (data.areas || []).map(function (area) {
            return {
                id: area.id || null,
                story: area.story || null,
                headline: area.headline || "",
                boxes: (area.boxes || []).map(function (box) { return box.map(Number); }),
                corrected: !!area.corrected,
                changed: false,
            };
        });
        const stories = data.stories || [];
        const canvas = document.getElementById("epaper-canvas");
        const list = document.getElementById("epaper-area-list");
        const field = form.querySelector("input[name=areas]");
        const addButton = document.getElementById("epaper-add");
        let selected = null;  // {a: area index, b: box index}

        canvas.classList.add("is-editable");
        addButton.hidden = false;
        addButton.addEventListener("click", addArea);
        form.addEventListener("submit", write);

        function write() {
            field.value = JSON.stringify(areas.map(function (area) {
                return { id: area.id, story: area.story, boxes: area.boxes };
            }));
        }

        function clamp(value, low, high) {
            return Math.min(Math.max(value, low), high);
        }

        function round(value) {
            return Math.round(value * 10) / 10;
        }

        function storyText(id) {
            const story = stories.find(function (s) { return s.id === id; });
            return story ? story.text : "稿件 " + id;
        }

        function areaLabel(a) {
            const area = areas[a];
            const title = area.story ? storyText(area.story) : (area.headline || "未链接稿件");
            return "区域" + (a + 1) + "：" + title;
        }

        function boxText(box) {
            return "左上 " + Math.round(box[0]) + "," + Math.round(box[1]) + "，右下 " + Math.round(box[2]) + "," + Math.round(box[3]) + " 磅";
        }

        // Drawing

        function render() {
            canvas.querySelectorAll(".area-box").forEach(function (el) { el.remove(); });
            areas.forEach(function (area, a) {
                area.boxes.forEach(function (box, b) {
                    const el = document.createElement("div");
                    el.className = "area-box";
                    el.tabIndex = 0;
                    el.setAttribute("role", "button");
                    el.dataset.a = a;
                    el.dataset.b = b;
                    const tag = document.createElement("span");
                    tag.className = "area-tag";
                    tag.textContent = String(a + 1);
                    const handle = document.createElement("span");
                    handle.className = "area-handle";
                    handle.setAttribute("aria-hidden", "true");
                    el.append(tag, handle);
                    el.addEventListener("focus", function () { select(a, b, false); });
                    el.addEventListener("keydown", onKey);
                    el.addEventListener("pointerdown", onPointerDown);
                    canvas.append(el);
                    place(el);
                });
            });
            renderList();
            write();
        }

        function boxElement(a, b) {
            return canvas.querySelector(".area-box[data-a='" + a + "'][data-b='" + b + "']");
        }

        function place(el) {
            const area = areas[+el.dataset.a];
            const box = area.boxes[+el.dataset.b];
            el.style.left = (box[0] / W * 100) + "%";
            el.style.top = (box[1] / H * 100) + "%";
            el.style.width = ((box[2] - box[0]) / W * 100) + "%";
            el.style.height = ((box[3] - box[1]) / H * 100) + "%";
            el.classList.toggle("is-linked", !!area.story);
            el.classList.toggle("is-changed", area.changed);
            el.classList.toggle("is-selected", !!selected && selected.a === +el.dataset.a && selected.b === +el.dataset.b);
            el.setAttribute("aria-label", areaLabel(+el.dataset.a) + "，第" + (+el.dataset.b + 1) + "块，" + boxText(box));
            const text = list.querySelector("[data-box='" + el.dataset.a + "-" + el.dataset.b + "']");
            if (text) {
                text.textContent = "方框" + (+el.dataset.b + 1) + "：" + boxText(box);
            }
        }

        function select(a, b, focus) {
            selected = { a: a, b: b };
            canvas.querySelectorAll(".area-box").forEach(place);
            list.querySelectorAll(":scope > li").forEach(function (li, index) {
                li.classList.toggle("is-selected", index === a);
                if (index === a) {
                    li.setAttribute("aria-current", "true");
                } else {
                    li.removeAttribute("aria-current");
                }
            });
            if (focus) {
                const el = boxElement(a, b);
                if (el) {
                    el.focus();
                }
            }
        }

        function changed(a) {
            areas[a].changed = true;
            const title = list.children[a] && list.children[a].querySelector("strong");
            if (title) {
                title.textContent = areaLabel(a) + "（已修改，未保存）";
            }
            write();
        }

        // Editing

        function moveBox(a, b, dx, dy) {
            const box = areas[a].boxes[b];
            const w = box[2] - box[0];
            const h = box[3] - box[1];
            const x0 = round(clamp(box[0] + dx, 0, W - w));
            const y0 = round(clamp(box[1] + dy, 0, H - h));
            areas[a].boxes[b] = [x0, y0, round(x0 + w), round(y0 + h)];
            changed(a);
            place(boxElement(a, b));
        }

        function resizeBox(a, b, dw, dh) {
            const box = areas[a].boxes[b];
            areas[a].boxes[b] = [
                box[0],
                box[1],
                round(clamp(box[2] + dw, box[0] + MIN, W)),
                round(clamp(box[3] + dh, box[1] + MIN, H)),
            ];
            changed(a);
            place(boxElement(a, b));
        }

        function newBox(near) {
            const w = Math.min(120, W / 4);
            const h = Math.min(80, H / 4);
            let x0 = (W - w) / 2;
            let y0 = (H - h) / 2;
            if (near) {
                x0 = clamp(near[0] + 20, 0, W - w);
                y0 = clamp(near[1] + 20, 0, H - h);
            }
            return [round(x0), round(y0), round(x0 + w), round(y0 + h)];
        }

        function addArea() {
            const near = selected ? areas[selected.a].boxes[selected.b] : null;
            areas.push({ id: null, story: null, headline: "", boxes: [newBox(near)], corrected: true, changed: true });
            render();
            select(areas.length - 1, 0, true);
            announce("已添加区域" + areas.length + "。");
        }

        function addBox(a) {
            const area = areas[a];
            area.boxes.push(newBox(area.boxes[area.boxes.length - 1]));
            area.changed = true;
            render();
            select(a, area.boxes.length - 1, true);
        }

        function removeBox(a, b) {
            areas[a].boxes.splice(b, 1);
            if (!areas[a].boxes.length) {
                areas.splice(a, 1);
                announce("已删除区域" + (a + 1) + "。");
            } else {
                areas[a].changed = true;
                announce("已删除区域" + (a + 1) + "的一块方框。");
            }
            selected = null;
            render();
            const boxes = canvas.querySelectorAll(".area-box");
            if (boxes.length) {
                const next = boxes[Math.min(boxIndex(a, b), boxes.length - 1)];
                select(+next.dataset.a, +next.dataset.b, true);
            } else {
                addButton.focus();
            }
        }

        function removeArea(a) {
            areas.splice(a, 1);
            selected = null;
            announce("已删除区域" + (a + 1) + "。");
            render();
            addButton.focus();
        }

        function boxIndex(a, b) {
            let index = 0;
            for (let i = 0; i < a && i < areas.length; i += 1) {
                index += areas[i].boxes.length;
            }
            return index + b;
        }

        function onKey(event) {
            const a = +event.currentTarget.dataset.a;
            const b = +event.currentTarget.dataset.b;
            const step = event.altKey ? FINE_STEP : STEP;
            const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
            if (arrows[event.key]) {
                const d = arrows[event.key];
                if (event.shiftKey) {
                    resizeBox(a, b, d[0], d[1]);
                } else {
                    moveBox(a, b, d[0], d[1]);
                }
            } else if (event.key === "Delete" || event.key === "Backspace") {
                removeBox(a, b);
            } else if (event.key === "n" || event.key === "N" || event.key === "Insert") {
                addArea();
            } else {
                return;
            }
            event.preventDefault();
        }

        function onPointerDown(event) {
            if (event.button !== undefined && event.button !== 0) {
                return;
            }
            const el = event.currentTarget;
            const a = +el.dataset.a;
            const b = +el.dataset.b;
            const resizing = event.target.classList.contains("area-handle");
            const scale = W / canvas.getBoundingClientRect().width;
            const startX = event.clientX;
            const startY = event.clientY;
            const before = areas[a].boxes[b].slice();
            el.focus();
            el.setPointerCapture(event.pointerId);
            event.preventDefault();

            function onMove(move) {
                const dx = (move.clientX - startX) * scale;
                const dy = (move.clientY - startY) * scale;
                areas[a].boxes[b] = before.slice();
                if (resizing) {
                    resizeBox(a, b, dx, dy);
                } else {
                    moveBox(a, b, dx, dy);
                }
            }

            function onUp() {
                el.removeEventListener("pointermove", onMove);
                el.removeEventListener("pointerup", onUp);
                el.removeEventListener("pointercancel", onUp);
            }

            el.addEventListener("pointermove", onMove);
            el.addEventListener("pointerup", onUp);
            el.addEventListener("pointercancel", onUp);
        }

        // The list beside the image

        function button(text, onClick) {
            const el = document.createElement("button");
            el.type = "button";
            el.className = "button";
            el.textContent = text;
            el.addEventListener("click", onClick);
            return el;
        }

        function renderList() {
            list.textContent = "";
            if (!areas.length) {
                const empty = document.createElement("li");
                empty.textContent = "本版还没有稿件区域：按“添加区域”标出一个。";
                list.append(empty);
                return;
            }
            areas.forEach(function (area, a) {
                const li = document.createElement("li");
                const title = document.createElement("strong");
                title.textContent = areaLabel(a) + (area.changed ? "（已修改，未保存）" : area.corrected ? "（编辑已调整）" : "");
                li.append(title);

                const choose = document.createElement("select");
                const id = "epaper-story-" + a;
                choose.id = id;
                const none = new Option("（不链接稿件）", "");
                choose.append(none);
                stories.forEach(function (story) {
                    choose.append(new Option(story.text, String(story.id), false, story.id === area.story));
                });
                if (area.story && !stories.some(function (s) { return s.id === area.story; })) {
                    choose.append(new Option(storyText(area.story), String(area.story), false, true));
                }
                const label = document.createElement("label");
                label.htmlFor = id;
                label.textContent = "链接稿件：";
                choose.addEventListener("change", function () {
                    area.story = choose.value ? parseInt(choose.value, 10) : null;
                    area.changed = true;
                    render();
                    list.querySelector("#" + id).focus();
                });
                const linkRow = document.createElement("div");
                linkRow.append(label, choose);
                li.append(linkRow);

                const search = document.createElement("input");
                search.type = "search";
                search.placeholder = "按标题或编号查找其他稿件";
                search.setAttribute("aria-label", "区域" + (a + 1) + "：按标题或编号查找稿件");
                const found = document.createElement("ul");
                found.className = "epaper-found";
                found.setAttribute("aria-live", "polite");
                const find = button("查找", function () { lookUp(search.value, found, a); });
                search.addEventListener("keydown", function (event) {
                    if (event.key === "Enter") {
                        event.preventDefault();  // not the form's save
                        lookUp(search.value, found, a);
                    }
                });
                const searchRow = document.createElement("div");
                searchRow.append(search, " ", find, found);
                li.append(searchRow);

                const boxes = document.createElement("ul");
                area.boxes.forEach(function (box, b) {
                    const item = document.createElement("li");
                    const go = button("", function () { select(a, b, true); });
                    go.className = "epaper-box-link";
                    go.dataset.box = a + "-" + b;
                    go.textContent = "方框" + (b + 1) + "：" + boxText(box);
                    item.append(go);
                    boxes.append(item);
                });
                li.append(boxes);
                li.append(button("添加一块方框", function () { addBox(a); }), " ", button("删除区域", function () { removeArea(a); }));
                list.append(li);
            });
        }

        function lookUp(term, target, a) {
            term = term.trim();
            target.textContent = "";
            if (!term) {
                return;
            }
            fetch(data.search_url + "?q=" + encodeURIComponent(term), { credentials: "same-origin" })
                .then(function (response) { return response.json(); })
                .then(function (answer) {
                    if (!answer.results.length) {
                        const li = document.createElement("li");
                        li.textContent = "没有找到。";
                        target.append(li);
                    }
                    answer.results.forEach(function (result) {
                        const li = document.createElement("li");
                        li.append(button(result.text, function () {
                            if (!stories.some(function (s) { return s.id === result.id; })) {
                                stories.push(result);
                            }
                            areas[a].story = result.id;
                            areas[a].changed = true;
                            render();
                            select(a, 0, false);
                            announce("区域" + (a + 1) + "已链接到：" + result.text);
                        }));
                        target.append(li);
                    });
                })
                .catch(function () {
                    const li = document.createElement("li");
                    li.textContent = "查找失败，请稍后再试。";
                    target.append(li);
                });
        }

        const status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.append(status);

        function announce(text) {
            status.textContent = text;
        }

        render();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
