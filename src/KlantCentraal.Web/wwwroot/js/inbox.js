// The desk inbox updates itself: when a customer's message arrives (or a colleague answers), the server says so
// over SignalR and the list of what waits on us is fetched again. Without JavaScript the page still works (reload).
(function () {
    "use strict";
    var list = document.getElementById("waiting");
    if (!list || !window.signalR) {
        return;
    }

    var status = document.getElementById("waiting-status");
    function refresh() {
        fetch(list.getAttribute("data-refresh"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html !== null) {
                    list.innerHTML = html;
                    if (status) {
                        status.textContent = status.getAttribute("data-updated");
                    }
                }
            });
    }

    var connection = new signalR.HubConnectionBuilder().withUrl(list.getAttribute("data-hub")).withAutomaticReconnect().build();
    connection.on("inboxChanged", refresh);
    connection.onreconnected(refresh);
    connection.start().then(function () { list.setAttribute("data-live", "true"); });
})();
