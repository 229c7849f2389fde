// Keeps an outbreak's status board current without reloading the page. The server's event stream says when an answer,
// the convening or the close was recorded ("change") and ticks so the clock advances ("tick"); on each, the board is
// fetched again as HTML from /outbreaks/{id}/board and put in place. Without this script, the page refreshes itself.
(function () {
    "use strict";
    var section = document.getElementById("clock");
    var board = document.getElementById("board");
    if (!section || !board || !window.EventSource || !window.fetch) return;
    var eventsUrl = section.getAttribute("data-events");
    var boardUrl = section.getAttribute("data-board");
    if (!eventsUrl || !boardUrl) return;

    var loading = false;
    var again = false;

    function refresh() {
        if (loading) {
            again = true;
            return;
        }
        loading = true;
        fetch(boardUrl, { cache: "no-store", credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { if (html !== null) board.innerHTML = html; })
            .catch(function () { /* the next event tries again */ })
            .then(function () {
                loading = false;
                if (again) {
                    again = false;
                    refresh();
                }
            });
    }

    var source = new EventSource(eventsUrl);
    function onEvent(event) {
        refresh();
        var data = null;
        try { data = JSON.parse(event.data); } catch (e) { data = null; }
        // A closed response sends no more events; reconnecting would only be told so again.
        if (data && data.closed) source.close();
    }
    source.addEventListener("change", onEvent);
    source.addEventListener("tick", onEvent);
    source.addEventListener("clock", function (event) {
        section.classList.add("board-live");
        onEvent(event);
    });
})();
