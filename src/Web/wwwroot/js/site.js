// Progressive enhancement only: every page works without script.
(function () {
    // Move focus to the error summary after a failed submit, so screen-reader and keyboard users land on it.
    var summary = document.getElementById('error-summary');
    if (summary) { summary.focus(); }
})();

(function () {
    // A table or code block wider than a phone scrolls inside itself; keyboard users must be able to reach it to
    // scroll it (WCAG 2.1.1), so a scrolling box without anything focusable inside is made focusable.
    var focusable = 'a[href], button, input, select, textarea, [tabindex]';
    function update() {
        var boxes = document.querySelectorAll('main table, main pre, main [data-scroll-box]');
        for (var i = 0; i < boxes.length; i++) {
            var box = boxes[i];
            var style = window.getComputedStyle(box);
            var scrolls = (style.overflowX === 'auto' || style.overflowX === 'scroll') && box.scrollWidth > box.clientWidth;
            if (scrolls && !box.querySelector(focusable) && !box.hasAttribute('tabindex')) {
                box.setAttribute('tabindex', '0');
                box.setAttribute('data-scroll-focus', '');
            } else if (!scrolls && box.hasAttribute('data-scroll-focus')) {
                box.removeAttribute('tabindex');
                box.removeAttribute('data-scroll-focus');
            }
        }
    }
    update();
    window.addEventListener('resize', update);
})();
