// Live character counts under the story's title fields and summary ("28 / 200 字"),
// with advice past a length (a 主题 over 30 字 asks for a 短标题). Counts characters
// as editors do: one per Chinese character, letter or digit.
(function () {
    "use strict";
    const fields = document.querySelectorAll("[data-count]");

    function show(field, note) {
        const length = Array.from(field.value).length;
        const max = field.getAttribute("maxlength");
        const adviceAt = Number(field.dataset.countAdviceAt || 0);
        let text = max ? length + " / " + max + " 字" : length + " 字";
        const advised = adviceAt && length > adviceAt;
        if (advised) {
            text += "。" + field.dataset.countAdviceText;
        }
        note.textContent = text;
        note.classList.toggle("length-count--advice", Boolean(advised));
    }

    fields.forEach(function (field) {
        const note = document.createElement("div");
        note.className = "length-count";
        note.setAttribute("aria-live", "polite");
        field.insertAdjacentElement("afterend", note);
        field.addEventListener("input", function () { show(field, note); });
        show(field, note);
    });
}());
