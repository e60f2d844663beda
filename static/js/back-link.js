"use strict";
// 返回上一页 on a refusal page goes back through the browser's history, which
// keeps what was typed into the refused form (a reload of the page would not).
document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-history-back]");
    if (link) {
        event.preventDefault();
        window.history.back();
    }
});
