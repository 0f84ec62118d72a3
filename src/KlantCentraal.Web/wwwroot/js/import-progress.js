// An import's progress page asks the server every second how far the import is, until it has ended. Without
// JavaScript the page still works: a refresh shows the same progress, read from the database.
(function () {
    "use strict";
    var region = document.getElementById("import-progress");
    if (!region) {
        return;
    }

    function ask() {
        fetch(region.getAttribute("data-refresh"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html !== null) {
                    region.innerHTML = html;
                }
                var state = region.querySelector("[data-finished]");
                if (!state || state.getAttribute("data-finished") !== "true") {
                    window.setTimeout(ask, 1000);
                }
            }, function () { window.setTimeout(ask, 5000); });
    }

    window.setTimeout(ask, 1000);
})();
