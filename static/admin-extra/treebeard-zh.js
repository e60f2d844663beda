"use strict";
// treebeard ships no Chinese catalogue: add the labels of its drag-and-drop
// buttons to the one Django's admin jsi18n has already loaded.
window.django = window.django || {};
django.catalog = Object.assign(django.catalog || {}, {
    "Abort": "取消",
    "As Sibling": "作为同级",
    "As child": "作为下级",
});
