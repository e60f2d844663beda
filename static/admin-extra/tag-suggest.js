"use strict";
// Suggest existing tags for the tag being typed in a TagInput (articles/admin/tags.py).
// The input stays a plain text field: this only fills its <datalist>.
(function () {
    const SEPARATOR = /[,，、;；]/;

    function splitLast(text) {
        // "学习贯彻，工" -> ["学习贯彻，", "工"]
        let cut = 0;
        for (let i = 0; i < text.length; i++) {
            if (SEPARATOR.test(text[i])) {
                cut = i + 1;
            }
        }
        return [text.slice(0, cut), text.slice(cut)];
    }

    function attach(input) {
        const list = document.getElementById(input.getAttribute("list"));
        let timer = null;
        let asked = "";
        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(async function () {
                const [head, last] = splitLast(input.value);
                const term = last.trim();
                if (!term || input.value === asked) {
                    return;
                }
                asked = input.value;
                const url = input.dataset.suggestUrl + "?" + new URLSearchParams({term: term});
                const response = await fetch(url, {headers: {Accept: "application/json"}});
                if (!response.ok) {
                    return;
                }
                const data = await response.json();
                const typedBefore = head + (last.match(/^\s*/)[0]);
                list.replaceChildren(...data.results.map((name) => new Option(name, typedBefore + name)));
            }, 200);
        });
    }

    function init() {
        document.querySelectorAll("input[data-suggest-url][list]").forEach(attach);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
