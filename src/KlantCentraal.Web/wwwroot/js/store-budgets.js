// Draws the goodwill budget per store through the month (what is left at the end of each day) with Chart.js.
// The table under the chart holds the same figures; the page works without this file.
(function () {
    'use strict';
    var source = document.getElementById('burndown-data');
    var canvas = document.getElementById('chart-burndown');
    if (!source || !canvas || typeof window.Chart === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    var colours = ['#0b5cad', '#b35900', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#4e342e', '#37474f'];
    new window.Chart(canvas, {
        type: 'line',
        data: {
            labels: data.days,
            datasets: data.stores.map(function (store, i) {
                return { label: store.label, data: store.left, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length] };
            })
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { title: { display: true, text: data.label } } } }
    });
}());
