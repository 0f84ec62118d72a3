// Draws the dashboard's charts with Chart.js from the JSON the page embeds. The tables hold the same numbers.
(function () {
    'use strict';
    var source = document.getElementById('dashboard-data');
    if (!source || typeof window.Chart === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    var brand = '#0b5cad';
    var accent = '#b35900';

    function bar(id, labels, values, label) {
        var canvas = document.getElementById(id);
        if (!canvas) { return; }
        return new window.Chart(canvas, {
            type: 'bar',
            data: { labels: labels, datasets: [{ label: label, data: values, backgroundColor: brand }] },
            options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
        });
    }

    function pareto(id, set) {
        var canvas = document.getElementById(id);
        if (!canvas) { return; }
        return new window.Chart(canvas, {
            data: {
                labels: set.labels,
                datasets: [
                    { type: 'bar', label: data.valueLabel, data: set.values, backgroundColor: brand, yAxisID: 'y' },
                    { type: 'line', label: data.cumulativeLabel, data: set.cumulative, borderColor: accent, backgroundColor: accent, yAxisID: 'percent' }
                ]
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { beginAtZero: true, position: 'left' },
                    percent: { beginAtZero: true, max: 100, position: 'right', grid: { drawOnChartArea: false } }
                }
            }
        });
    }

    bar('chart-weeks', data.weeks.labels, data.weeks.counts, data.weeks.label);
    pareto('chart-causes', data.causes);
    pareto('chart-products', data.products);
}());
