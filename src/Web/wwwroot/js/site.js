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
        var boxes = document.querySelectorAll('main table, main pre, main [data-scroll-box], main .table-scroll');
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
            // A scrolling wrapper around a table is a region named after the table's caption, so it is announced
            // and found among the page's landmarks.
            var caption = box.classList.contains('table-scroll') && box.querySelector('caption');
            if (scrolls && caption && !box.hasAttribute('role')) {
                box.setAttribute('role', 'region');
                box.setAttribute('aria-label', caption.textContent.trim());
            }
        }
    }
    update();
    window.addEventListener('resize', update);
})();

(function () {
    // Tabs (Designsystemet's tabs, ARIA tab pattern). The server renders every panel one after another, each with its
    // own heading, so the page reads in order without script; here the panels become tabs. The address's #fragment
    // chooses the tab (a link to a panel or to anything inside one), and choosing a tab writes it back, so reloading
    // or coming back keeps the same tab.
    var containers = document.querySelectorAll('[data-tabs]');
    for (var c = 0; c < containers.length; c++) { setUp(containers[c]); }

    function setUp(container) {
        var panels = Array.prototype.filter.call(container.children, function (e) { return e.classList.contains('tab-panel'); });
        if (panels.length < 2) { return; }
        var list = document.createElement('div');
        list.setAttribute('role', 'tablist');
        list.setAttribute('aria-label', container.getAttribute('data-tabs-label') || '');
        var tabs = panels.map(function (panel) {
            var tab = document.createElement('button');
            tab.type = 'button';
            tab.id = 'tab-' + panel.id;
            tab.setAttribute('role', 'tab');
            tab.setAttribute('aria-controls', panel.id);
            tab.textContent = panel.getAttribute('data-tab-label');
            panel.setAttribute('role', 'tabpanel');
            panel.setAttribute('aria-labelledby', tab.id);
            panel.setAttribute('tabindex', '0');
            tab.addEventListener('click', function () { select(panels.indexOf(panel), true); });
            list.appendChild(tab);
            return tab;
        });
        container.insertBefore(list, container.firstChild);

        function select(index, remember) {
            for (var i = 0; i < tabs.length; i++) {
                var on = i === index;
                tabs[i].setAttribute('aria-selected', on ? 'true' : 'false');
                tabs[i].tabIndex = on ? 0 : -1;
                panels[i].hidden = !on;
            }
            if (remember && history.replaceState) { history.replaceState(null, '', '#' + panels[index].id); }
        }
        function panelOf(id) {
            var target = id && document.getElementById(id);
            if (!target) { return -1; }
            for (var i = 0; i < panels.length; i++) { if (panels[i] === target || panels[i].contains(target)) { return i; } }
            return -1;
        }
        list.addEventListener('keydown', function (event) {
            var current = tabs.indexOf(document.activeElement);
            if (current < 0) { return; }
            var rtl = getComputedStyle(list).direction === 'rtl';
            var next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
            var index = next !== undefined ? (current + next + tabs.length) % tabs.length
                : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
            if (index < 0) { return; }
            event.preventDefault();
            select(index, true);
            tabs[index].focus();
        });
        // A link to something inside a hidden panel (the error summary's links, "#panel-hours") opens that panel first.
        document.addEventListener('click', function (event) {
            var link = event.target.closest && event.target.closest('a[href^="#"]');
            var index = link ? panelOf(link.getAttribute('href').slice(1)) : -1;
            if (index >= 0) { select(index, false); }
        });
        window.addEventListener('hashchange', function () {
            var index = panelOf(location.hash.slice(1));
            if (index >= 0) { select(index, false); }
        });
        var start = panelOf(location.hash.slice(1));
        select(start >= 0 ? start : 0, false);
    }
})();
