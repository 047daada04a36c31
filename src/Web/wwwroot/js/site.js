// Progressive enhancement only: every page works without script.
(function () {
    // Move focus to the error summary after a failed submit, so screen-reader and keyboard users land on it.
    var summary = document.getElementById('error-summary');
    if (summary) { summary.focus(); }
})();
