// The rich-text editor (django-prose-editor) writes its toolbar tooltips and its
// heading menu in English, outside gettext; this puts them into Chinese as the
// editor draws them (its dialogs use gettext: locale/zh_Hans/…/djangojs.po).
(function () {
    "use strict";
    const WORDS = {
        "bold": "粗体",
        "italic": "斜体",
        "underline": "下划线",
        "strike": "删除线",
        "subscript": "下标",
        "superscript": "上标",
        "paragraph": "正文段落",
        "Paragraph": "正文段落",
        "blockquote": "引用",
        "unordered list": "项目符号列表",
        "ordered list": "编号列表",
        "List properties": "列表设置",
        "horizontal rule": "分隔线",
        "insert link": "插入链接",
        "remove link": "取消链接",
        "Insert table": "插入表格",
        "Add column": "插入列",
        "Add row": "插入行",
        "Delete column": "删除列",
        "Delete row": "删除行",
        "Delete table": "删除表格",
        "Merge cells": "合并单元格",
        "Split cell": "拆分单元格",
        "Toggle header cell": "设为表头／取消表头",
        "undo": "撤销",
        "redo": "重做",
        "Toggle fullscreen": "全屏",
        "edit HTML": "编辑 HTML",
        "figure": "插图",
        "Code": "代码",
        "Code block": "代码块",
    };

    function word(text) {
        const heading = /^heading (\d)$/i.exec(text);
        return heading ? "标题 " + heading[1] : WORDS[text];
    }

    function translate(root) {
        root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]").forEach(function (item) {
            ["title", "aria-label"].forEach(function (name) {
                const chinese = item.hasAttribute(name) && word(item.getAttribute(name));
                if (chinese) {
                    item.setAttribute(name, chinese);
                }
            });
        });
        // The heading menu's entries ("Heading 2", "Paragraph") are text, not icons.
        root.querySelectorAll(".prose-menubar *").forEach(function (item) {
            const chinese = item.childElementCount === 0 && word(item.textContent.trim());
            if (chinese && !item.classList.contains("material-icons")) {
                item.textContent = chinese;
            }
        });
    }

    function start() {
        translate(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        translate(node.parentNode || node);
                    }
                });
            });
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
